using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Messaging;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage;

/// <summary>What a "not suitable" decision carries, wherever it is made (screening, suitability review, panel, the step of its own).</summary>
public sealed class NotSuitableInput
{
    public ClosureReason? Reason { get; set; }

    /// <summary>Entries of the signposting directory the person is pointed to.</summary>
    public List<int> SignpostingIds { get; set; } = [];
}

/// <summary>One entry of the signposting directory, as the forms and the outcome emails show it.</summary>
public sealed record SignpostingChoice(int Id, string Name, SignpostingKind Kind, string Area, string? Phone, string? Email, string? Website, string WhenToUse);

/// <summary>The rules and pieces the screening use cases share.</summary>
public static class ScreeningRules
{
    public const int MaxNoteLength = 2000;
    public const int MaxOverrideLength = 1000;

    /// <summary>The closure reasons that say why the programme is not suitable (the others close a referral for other reasons).</summary>
    public static readonly IReadOnlyList<ClosureReason> NotSuitableReasons =
    [
        ClosureReason.MetExclusionCriterion,
        ClosureReason.InclusionCriteriaNotMet,
        ClosureReason.RiskTooHigh,
        ClosureReason.BetterServedElsewhere,
        ClosureReason.OutsideArea,
        ClosureReason.Other,
    ];

    public static string Describe(ClosureReason reason) => reason switch
    {
        ClosureReason.MetExclusionCriterion => "An exclusion criterion applies",
        ClosureReason.InclusionCriteriaNotMet => "The inclusion criteria are not met",
        ClosureReason.RiskTooHigh => "The risk is too high for this programme",
        ClosureReason.BetterServedElsewhere => "Another service would help them better",
        ClosureReason.OutsideArea => "Outside the area the programme serves",
        ClosureReason.NoResponseToContact => "No response to contact",
        ClosureReason.DeclinedService => "Declined the service",
        ClosureReason.DuplicateReferral => "Duplicate referral",
        ClosureReason.Other => "Another reason (say which in the note)",
        _ => reason.ToString(),
    };

    public static string Describe(SignpostingKind kind) => kind switch
    {
        SignpostingKind.Crisis => "Crisis and urgent help",
        SignpostingKind.DomesticAbuse => "Domestic abuse",
        SignpostingKind.MentalHealth => "Mental health",
        SignpostingKind.SubstanceMisuse => "Drugs and alcohol",
        SignpostingKind.Relationship => "Relationships",
        SignpostingKind.Parenting => "Parenting",
        SignpostingKind.StaffWellbeing => "Staff wellbeing",
        SignpostingKind.MoneyAndLegal => "Money and legal advice",
        _ => "Other services",
    };

    /// <summary>Validation of the not-suitable fields of a form; <paramref name="note"/> is the form's own note field.</summary>
    public static void NotSuitableRules<T>(AbstractValidator<T> v, Func<T, NotSuitableInput> notSuitable, Func<T, string?> note, string noteProperty, Func<T, bool> when)
    {
        v.RuleFor(c => notSuitable(c).Reason).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Select why the referral is not suitable")
            .Must(r => NotSuitableReasons.Contains(r!.Value)).WithMessage("Select why the referral is not suitable")
            .OverridePropertyName("NotSuitable.Reason")
            .When(when);
        v.RuleFor(c => note(c))
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Give the reason the referral is not suitable in the note")
            .OverridePropertyName(noteProperty)
            .When(c => when(c) && notSuitable(c).Reason == ClosureReason.Other);
        v.RuleFor(c => notSuitable(c).SignpostingIds)
            .Must(ids => ids.Count <= 30).WithMessage("Choose up to 30 services")
            .OverridePropertyName("NotSuitable.SignpostingIds")
            .When(when);
    }

    /// <summary>The active directory, grouped by kind then name (what the forms offer).</summary>
    public static async Task<IReadOnlyList<SignpostingChoice>> DirectoryAsync(AppDbContext db, CancellationToken ct) =>
        (await db.SignpostingEntries.AsNoTracking().Where(e => e.IsActive).ToListAsync(ct))
            .OrderBy(e => e.Kind).ThenBy(e => e.Name, StringComparer.OrdinalIgnoreCase)
            .Select(ToChoice).ToList();

    /// <summary>The chosen entries, refusing any that is not an active entry of the directory.</summary>
    public static async Task<IReadOnlyList<SignpostingChoice>> ChosenAsync(AppDbContext db, IReadOnlyCollection<int> ids, string property, CancellationToken ct)
    {
        var distinct = ids.Distinct().ToList();
        if (distinct.Count == 0) return [];
        var entries = await db.SignpostingEntries.AsNoTracking().Where(e => distinct.Contains(e.Id) && e.IsActive).ToListAsync(ct);
        if (entries.Count != distinct.Count)
        {
            throw new ValidationFailedException(property, "One of the services chosen is no longer in the directory: choose again");
        }
        return entries.OrderBy(e => e.Kind).ThenBy(e => e.Name, StringComparer.OrdinalIgnoreCase).Select(ToChoice).ToList();
    }

    private static SignpostingChoice ToChoice(SignpostingEntry e) => new(e.Id, e.Name, e.Kind, e.Area, e.Phone, e.Email, e.Website, e.WhenToUse);

    /// <summary>Queues the outcome emails of a referral just found not suitable (person and professional referrer, where safe).</summary>
    public static void QueueNotSuitableEmails(Outbox outbox, Referral referral, Programme programme, IReadOnlyList<SignpostingChoice> services)
    {
        foreach (var mail in OutcomeEmails.NotSuitable(referral, programme, services))
        {
            outbox.Enqueue(mail.Kind, mail.To, mail.Subject, mail.Body);
        }
    }

    /// <summary>
    /// The referral's version check, as in <see cref="RecordContactAttempt"/>: refused now when it differs, and at the
    /// save when someone changes it in between.
    /// </summary>
    public static void CheckVersion(AppDbContext db, Referral referral, Guid seen)
    {
        if (referral.ConcurrencyStamp != seen) throw new ConcurrencyConflictException();
        db.Entry(referral).Property(r => r.ConcurrencyStamp).OriginalValue = seen;
    }

    public static void CheckVersion(AppDbContext db, PanelMeeting meeting, Guid seen)
    {
        if (meeting.ConcurrencyStamp != seen) throw new ConcurrencyConflictException();
        db.Entry(meeting).Property(m => m.ConcurrencyStamp).OriginalValue = seen;
    }

    /// <summary>Saves once; a concurrent change becomes <see cref="ConcurrencyConflictException"/>; a failure leaves nothing tracked.</summary>
    public static async Task SaveAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException();
        }
    }

    /// <summary>Runs a change; on any refusal nothing half-done stays tracked for a later save in this scope.</summary>
    public static async Task<T> ChangeAsync<T>(AppDbContext db, Func<Task<T>> change)
    {
        try
        {
            return await change();
        }
        catch (Exception ex) when (ex is DomainException or ValidationFailedException or ConcurrencyConflictException)
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }
}
