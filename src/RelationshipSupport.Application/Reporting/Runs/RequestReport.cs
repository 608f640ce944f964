using System.Globalization;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Reporting;

namespace RelationshipSupport.Application.Reporting.Runs;

/// <summary>
/// A manager (or administrator) asks for a programme's report for a period, in a style, with the narrative they
/// wrote. The run is stored and queued; the background worker makes the PDF, so a large report never holds a web
/// request. The same form sent twice (same <see cref="Command.SubmissionId"/>) gives the run the first made.
/// </summary>
public static class RequestReport
{
    /// <summary>Reports cover at most this many years: longer periods are a sign of a mistyped year.</summary>
    public const int MaxYears = 5;

    public sealed class Command : IRequest<int>
    {
        public Guid SubmissionId { get; set; }
        public string? ProgrammeCode { get; set; }
        public ReportStyle? Style { get; set; }
        public DateOnly? From { get; set; }
        public DateOnly? To { get; set; }
        public string? Provider { get; set; }
        public string? Authors { get; set; }
        public string? Summary { get; set; }
        public string? Introduction { get; set; }
        public string? ServiceModel { get; set; }
        public string? Conclusions { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ProgrammeCode).NotEmpty().WithMessage("Choose a programme");
            RuleFor(c => c.Style).NotNull().WithMessage("Choose the report's style");
            RuleFor(c => c.From).NotNull().WithMessage("Enter the first day of the period");
            RuleFor(c => c.To).NotNull().WithMessage("Enter the last day of the period");
            RuleFor(c => c.To).Must((c, to) => to >= c.From).When(c => c.From is not null && c.To is not null)
                .WithMessage("The period must end on or after the day it starts");
            RuleFor(c => c.To).Must((c, to) => to!.Value <= c.From!.Value.AddYears(MaxYears))
                .When(c => c.From is not null && c.To is not null && c.To >= c.From)
                .WithMessage($"A report covers at most {MaxYears} years");
            RuleFor(c => c.Provider).MaximumLength(200).WithMessage("Provider must be 200 characters or fewer");
            RuleFor(c => c.Authors).MaximumLength(1000).WithMessage("Authors must be 1,000 characters or fewer");
            foreach (var (text, name) in new (System.Linq.Expressions.Expression<Func<Command, string?>>, string)[]
                     {
                         (c => c.Summary, "Executive summary"), (c => c.Introduction, "Introduction"),
                         (c => c.ServiceModel, "Service model"), (c => c.Conclusions, "Conclusions"),
                     })
            {
                RuleFor(text).MaximumLength(ReportNarrative.MaxLength)
                    .WithMessage(string.Create(CultureInfo.InvariantCulture, $"{name} must be {ReportNarrative.MaxLength:N0} characters or fewer"));
            }
        }
    }

    internal sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit, IReportQueue queue, TimeProvider clock)
        : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command request, CancellationToken cancellationToken)
        {
            ReportAccess.EnsureAllowed(user);
            if (await db.ReportRuns.Where(r => r.SubmissionId == request.SubmissionId).Select(r => (int?)r.Id)
                    .FirstOrDefaultAsync(cancellationToken) is { } existing)
            {
                return existing;
            }
            var programmeId = await db.Programmes.Where(p => p.Code == request.ProgrammeCode).Select(p => (int?)p.Id)
                .SingleOrDefaultAsync(cancellationToken) ?? throw new DomainException("Choose a programme from the list.");
            var run = new ReportRun
            {
                SubmissionId = request.SubmissionId == Guid.Empty ? Guid.NewGuid() : request.SubmissionId,
                ProgrammeId = programmeId,
                Style = request.Style!.Value,
                From = request.From!.Value,
                To = request.To!.Value,
                Provider = Clean(request.Provider),
                Authors = Clean(request.Authors),
                Summary = Clean(request.Summary),
                Introduction = Clean(request.Introduction),
                ServiceModel = Clean(request.ServiceModel),
                Conclusions = Clean(request.Conclusions),
                RequestedByUserId = user.UserId!,
                RequestedByName = user.UserName ?? "",
                RequestedAtUtc = clock.GetUtcNow().UtcDateTime,
            };
            db.ReportRuns.Add(run);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (request.SubmissionId != Guid.Empty)
            {
                // The same form raced itself: the other post stored the run.
                db.ChangeTracker.Clear();
                return await db.ReportRuns.Where(r => r.SubmissionId == request.SubmissionId).Select(r => r.Id).SingleAsync(cancellationToken);
            }
            audit.Record(AuditActions.ReportRequested, "ReportRun", run.Id,
                string.Create(CultureInfo.InvariantCulture, $"programme={request.ProgrammeCode} style={run.Style} from={run.From:yyyy-MM-dd} to={run.To:yyyy-MM-dd}"));
            await db.SaveChangesAsync(cancellationToken);
            queue.Enqueue(run.Id);
            return run.Id;
        }

        private static string Clean(string? text) => (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
    }
}

/// <summary>Reports are for managers and administrators (the page's folder policy says the same; this guards the handlers).</summary>
internal static class ReportAccess
{
    public static void EnsureAllowed(ICurrentUser user)
    {
        if (!user.IsInRole(Roles.Manager) && !user.IsInRole(Roles.Administrator))
        {
            // Answered like a page that does not exist, as the settings pages do.
            throw new NotFoundException("Report", "reports");
        }
    }
}
