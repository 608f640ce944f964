using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage;

/// <summary>
/// Sets up a screening panel meeting of a programme: its date, members and clinical lead. A programme has at most one
/// meeting a day, so the same form sent twice leads to the one meeting.
/// </summary>
public static class CreatePanelMeeting
{
    public const int MaxMembersLength = 2000;
    public const int MaxNameLength = 200;

    public sealed class Command : IRequest<Result>
    {
        public string? ProgrammeCode { get; set; }
        public DateInput Date { get; set; } = new();
        /// <summary>One per line: names and roles.</summary>
        public string? Members { get; set; }
        public string? ClinicalLeadName { get; set; }
    }

    public sealed record Result(int MeetingId, bool Created);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.ProgrammeCode).NotEmpty().WithMessage("Select the programme");
            RuleFor(c => c.Date).Cascade(CascadeMode.Stop)
                .Must(d => !d.IsEmpty).WithMessage("Enter the date of the meeting")
                .Must(d => d.ToDate() is not null).WithMessage("Date of the meeting must be a real date, like 12 11 2026")
                .Must(d => d.ToDate() >= UkTime.Today(clock).AddYears(-1) && d.ToDate() <= UkTime.Today(clock).AddYears(1))
                .WithMessage("Date of the meeting must be within a year of today");
            RuleFor(c => c.Members).RequiredText("Enter the members of the panel, one per line", "Members", MaxMembersLength);
            RuleFor(c => c.ClinicalLeadName).RequiredText("Enter the name of the clinical lead", "Name of the clinical lead", MaxNameLength);
        }
    }

    internal sealed class Handler(AppDbContext db, ReferralVisibility visibility, ICurrentUser user, AuditLog audit, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var scope = await visibility.ScopeAsync(cancellationToken);
            var programme = await scope.Apply(db.Programmes.AsNoTracking())
                .SingleOrDefaultAsync(p => p.Code == request.ProgrammeCode && p.RequiresScreeningPanel, cancellationToken)
                ?? throw new ValidationFailedException(nameof(Command.ProgrammeCode), "Select the programme");
            var date = request.Date.ToDate()!.Value;
            var existing = await db.PanelMeetings.AsNoTracking()
                .Where(m => m.ProgrammeId == programme.Id && m.MeetingDate == date)
                .Select(m => (int?)m.Id).FirstOrDefaultAsync(cancellationToken);
            if (existing is { } id)
            {
                return new Result(id, false);
            }
            var members = string.Join("\n", (request.Members ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
            var meeting = new PanelMeeting
            {
                ProgrammeId = programme.Id,
                MeetingDate = date,
                Members = members,
                ClinicalLeadName = request.ClinicalLeadName!.Trim(),
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
                CreatedByUserId = user.UserId ?? throw new InvalidOperationException("This change needs a signed-in user."),
            };
            db.PanelMeetings.Add(meeting);
            // Named by programme and date (one meeting a day), which is known before the save gives it an id.
            audit.Record(AuditActions.PanelMeetingCreated, "PanelMeeting", $"{programme.Code}/{date:yyyy-MM-dd}");
            await db.SaveChangesAsync(cancellationToken);
            return new Result(meeting.Id, true);
        }
    }
}
