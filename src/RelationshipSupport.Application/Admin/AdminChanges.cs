using System.Linq.Expressions;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;

namespace RelationshipSupport.Application.Admin;

/// <summary>
/// What every settings change shares: only an administrator may make it (the <c>/admin</c> pages are restricted
/// too; this holds for any other caller), an edit made from an older version is refused, and a save either
/// commits everything or leaves nothing behind.
/// </summary>
internal static class AdminChanges
{
    public static void EnsureAdministrator(ICurrentUser user)
    {
        if (!user.IsInRole(Roles.Administrator))
        {
            // Answered like a page that does not exist: settings are not shown to anyone else.
            throw new NotFoundException("Settings", "admin");
        }
    }

    /// <summary>Refuses a change made from another version than the current one, now and at the save.</summary>
    public static void ExpectStamp<T>(AppDbContext db, T entity, Expression<Func<T, Guid>> stamp, Guid seen) where T : class
    {
        var current = stamp.Compile()(entity);
        if (current != seen)
        {
            throw new ConcurrencyConflictException();
        }
        // EF compares with the version the user saw, so a change committed between this read and the save is refused too.
        db.Entry(entity).Property(stamp).OriginalValue = seen;
    }

    /// <summary>
    /// Saves once. A concurrent change becomes a <see cref="ConcurrencyConflictException"/>; a unique index
    /// refusing a second copy (two "add"s racing) becomes the validation message of <paramref name="duplicate"/>
    /// when its check confirms the copy is there.
    /// </summary>
    public static Task SaveAsync(AppDbContext db, CancellationToken ct,
        (Func<Task<bool>> Exists, string Property, string Message)? duplicate = null) =>
        RunAsync(db, () => db.SaveChangesAsync(ct), duplicate);

    /// <summary>
    /// Adds a record whose audit entry needs its generated id: both commit in one transaction or neither does.
    /// <paramref name="add"/> adds the record (it may run again if the database asks for a retry) and returns a
    /// way to read the id once saved; <paramref name="record"/> then writes the audit entry.
    /// </summary>
    public static Task<int> AddAuditedAsync(AppDbContext db, Func<Func<int>> add, Action<int> record, CancellationToken ct,
        (Func<Task<bool>> Exists, string Property, string Message)? duplicate = null)
    {
        var id = 0;
        return RunAsync(db, async () =>
        {
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(token);
                var readId = add();
                await db.SaveChangesAsync(token);
                id = readId();
                record(id);
                await db.SaveChangesAsync(token);
                await transaction.CommitAsync(token);
            }, ct);
            return id;
        }, duplicate);
    }

    private static async Task<T> RunAsync<T>(AppDbContext db, Func<Task<T>> save,
        (Func<Task<bool>> Exists, string Property, string Message)? duplicate)
    {
        try
        {
            return await save();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException();
        }
        catch (DbUpdateException) when (duplicate is not null)
        {
            db.ChangeTracker.Clear();
            if (await duplicate.Value.Exists())
            {
                throw new ValidationFailedException(duplicate.Value.Property, duplicate.Value.Message);
            }
            throw;
        }
        catch
        {
            // Nothing half-done may be saved later by another request handled in this scope.
            db.ChangeTracker.Clear();
            throw;
        }
    }

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static string Text(string? value) => value?.Trim() ?? "";
}

/// <summary>Rules for the kinds of field the settings forms share.</summary>
internal static partial class AdminRules
{
    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex CodeShape();

    [GeneratedRegex(@"^[0-9][0-9 ]*[0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex ServicePhoneShape();

    public const int MaxCodeLength = 40;

    public static bool IsCode(string? value) => value is not null && value.Length <= MaxCodeLength && CodeShape().IsMatch(value);

    /// <summary>A code: lower-case letters, digits and single hyphens (it appears in web addresses and the command line).</summary>
    public static IRuleBuilderOptions<T, string?> Code<T>(this IRuleBuilderInitial<T, string?> rule, string label) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage($"Enter a {label}")
            .Must(v => v!.Trim().Length <= MaxCodeLength).WithMessage($"The {label} must be {MaxCodeLength} characters or fewer")
            .Must(v => CodeShape().IsMatch(v!.Trim()))
            .WithMessage($"The {label} must use only lower-case letters, numbers and hyphens, like north-london-hub")
            .Must(v => v!.Trim() != "add").WithMessage($"The {label} cannot be \"add\": choose another");

    /// <summary>A whole number in a range, typed into a text box (so a wrong value is shown back as typed).</summary>
    public static IRuleBuilderOptions<T, string?> WholeNumber<T>(this IRuleBuilderInitial<T, string?> rule, string label, int min, int max) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage($"Enter the {label}")
            .Must(v => int.TryParse(v!.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
            .WithMessage($"The {label} must be a whole number, like {min}")
            .Must(v => Number(v) is { } n && n >= min && n <= max).WithMessage($"The {label} must be between {min} and {max}");

    public static int? Number(string? value) =>
        int.TryParse(value?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>An optional web address, which must be a full https (or http) address.</summary>
    public static IRuleBuilderOptions<T, string?> Website<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => string.IsNullOrWhiteSpace(v)
                || (v.Trim().Length <= 400 && Uri.TryCreate(v.Trim(), UriKind.Absolute, out var uri)
                    && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Contains('.', StringComparison.Ordinal)))
            .WithMessage("Enter the website as a full address, like https://www.example.org");

    /// <summary>A service's phone number as people dial it: UK numbers and short numbers such as 111 or 116 123.</summary>
    public static IRuleBuilderOptions<T, string?> ServicePhone<T>(this IRuleBuilder<T, string?> rule, string label) =>
        rule.Must(v => string.IsNullOrWhiteSpace(v) || (v.Trim().Length <= 40 && ServicePhoneShape().IsMatch(v.Trim())))
            .WithMessage($"Enter {label} using numbers and spaces only, like 0808 2000 247 or 111");
}
