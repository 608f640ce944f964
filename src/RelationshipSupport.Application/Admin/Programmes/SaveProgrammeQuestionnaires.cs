using System.Globalization;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Outcomes;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Outcomes;

namespace RelationshipSupport.Application.Admin.Programmes;

/// <summary>
/// An administrator sets which questionnaires a programme gives at each timepoint, and in what order. The form's
/// choices replace the programme's schedule in one save; only current questionnaires can be chosen. A retired
/// questionnaire already in the schedule is kept there (it is not given while retired, and is again if reinstated).
/// The save is checked against, and renews, the programme's concurrency stamp, so a form older than the last
/// change is refused; the same form sent twice changes nothing the second time.
/// </summary>
public static class SaveProgrammeQuestionnaires
{
    public const int MaxOrder = 99;

    public sealed class Command : IRequest<Result>
    {
        /// <summary>Set by the page from the URL.</summary>
        public string? ProgrammeCode { get; set; }
        public Guid ConcurrencyStamp { get; set; }
        /// <summary>One line per questionnaire offered at each timepoint, ticked or not.</summary>
        public List<Line> Lines { get; set; } = [];
    }

    public sealed class Line
    {
        public Timepoint? Timepoint { get; set; }
        public string? Code { get; set; }
        public bool Given { get; set; }
        /// <summary>Its place among the timepoint's questionnaires (1 first); blank puts it after the numbered ones.</summary>
        public string? Order { get; set; }
    }

    /// <param name="Changed">False when the schedule saved was already the programme's schedule.</param>
    public sealed record Result(string Code, bool Changed);

    /// <summary>The validation property of a line's order box: by timepoint and code, so a page can place the message beside it.</summary>
    public static string OrderProperty(Timepoint timepoint, string code) => $"Order.{timepoint}.{code}";

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Lines).Custom((lines, context) =>
            {
                foreach (var line in lines.Where(l => l.Given && !string.IsNullOrWhiteSpace(l.Order)))
                {
                    if (line.Timepoint is not { } timepoint || !Enum.IsDefined(timepoint) || string.IsNullOrEmpty(line.Code))
                    {
                        continue;
                    }
                    if (OrderNumber(line.Order) is not { } n || n < 1 || n > MaxOrder)
                    {
                        context.AddFailure(OrderProperty(timepoint, line.Code),
                            $"The order of {line.Code} at {timepoint.Label().ToLowerInvariant()} must be a whole number from 1 to {MaxOrder}, or blank");
                    }
                }
            });
        }
    }

    internal static int? OrderNumber(string? value) =>
        int.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    internal sealed class Handler(AppDbContext db, ICurrentUser user, InstrumentCatalogue catalogue, AuditLog audit) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            AdminChanges.EnsureAdministrator(user);
            var programme = await db.Programmes.SingleOrDefaultAsync(p => p.Code == request.ProgrammeCode, cancellationToken)
                ?? throw new NotFoundException("Programme", request.ProgrammeCode ?? "");
            var current = (await catalogue.Current().Select(i => i.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

            var given = request.Lines.Where(l => l.Given).ToList();
            if (given.Any(l => l.Timepoint is not { } t || !Enum.IsDefined(t) || string.IsNullOrEmpty(l.Code)))
            {
                throw new DomainException("The form was not complete: reload the page and choose the questionnaires again.");
            }
            if (given.FirstOrDefault(l => !current.Contains(l.Code!)) is { } gone)
            {
                throw new DomainException($"{gone.Code} is retired or no longer exists, so it cannot be given. Reload the page to see the questionnaires that can.");
            }
            // Numbered lines first, by number; blank ones after them; ties in the order the form listed them.
            var wanted = GetProgrammeQuestionnaires.Timepoints.ToDictionary(
                t => t,
                t => given.Select((line, index) => (line, index))
                    .Where(x => x.line.Timepoint == t)
                    .OrderBy(x => OrderNumber(x.line.Order) ?? int.MaxValue).ThenBy(x => x.index)
                    .Select(x => x.line.Code!)
                    .Distinct(StringComparer.Ordinal)
                    .ToList());

            var rows = await db.ProgrammeInstruments.Where(p => p.ProgrammeId == programme.Id).ToListAsync(cancellationToken);
            var unchanged = GetProgrammeQuestionnaires.Timepoints.All(t => wanted[t].SequenceEqual(
                rows.Where(r => r.Timepoint == t && current.Contains(r.InstrumentCode)).OrderBy(r => r.SortOrder).Select(r => r.InstrumentCode)));
            if (unchanged)
            {
                // Nothing to do, even from an older form: the schedule is already what it asks for.
                db.ChangeTracker.Clear();
                return new Result(programme.Code, Changed: false);
            }
            AdminChanges.ExpectStamp(db, programme, p => p.ConcurrencyStamp, request.ConcurrencyStamp);
            programme.ConcurrencyStamp = Guid.NewGuid();

            foreach (var timepoint in GetProgrammeQuestionnaires.Timepoints)
            {
                var codes = wanted[timepoint];
                var here = rows.Where(r => r.Timepoint == timepoint).ToList();
                foreach (var row in here.Where(r => current.Contains(r.InstrumentCode) && !codes.Contains(r.InstrumentCode)))
                {
                    db.ProgrammeInstruments.Remove(row);
                }
                for (var i = 0; i < codes.Count; i++)
                {
                    var row = here.SingleOrDefault(r => r.InstrumentCode == codes[i]);
                    if (row is null)
                    {
                        db.ProgrammeInstruments.Add(new ProgrammeInstrument { ProgrammeId = programme.Id, Timepoint = timepoint, InstrumentCode = codes[i], SortOrder = i });
                    }
                    else
                    {
                        row.SortOrder = i;
                    }
                }
                // Retired questionnaires kept in the schedule go after the ones given, in their old order.
                var kept = here.Where(r => !current.Contains(r.InstrumentCode)).OrderBy(r => r.SortOrder).ToList();
                for (var i = 0; i < kept.Count; i++)
                {
                    kept[i].SortOrder = codes.Count + i;
                }
            }

            audit.Record(AuditActions.ProgrammeQuestionnairesSaved, "Programme", programme.Code, Describe(wanted));
            await AdminChanges.SaveAsync(db, cancellationToken);
            return new Result(programme.Code, Changed: true);
        }

        /// <summary>The new schedule as codes only, e.g. <c>Intake=CORE-10,CSI-4; End=CORE-10</c>.</summary>
        private static string Describe(Dictionary<Timepoint, List<string>> wanted)
        {
            var text = string.Join("; ", wanted.Where(w => w.Value.Count > 0).Select(w => $"{w.Key}={string.Join(",", w.Value)}"));
            text = text.Length == 0 ? "none" : text;
            return text.Length <= 1000 ? text : text[..997] + "...";
        }
    }
}
