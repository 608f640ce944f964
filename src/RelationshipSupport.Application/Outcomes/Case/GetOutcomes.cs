using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Cases;
using RelationshipSupport.Application.Cases.Notes;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Outcomes.Case;

/// <summary>
/// The case's questionnaires tab, for its clinicians (the case's therapists and their supervisor; anyone else 404 and
/// audited: scores are clinical). For each client separately: their requests (when, how far, how completed, by whom),
/// each completed questionnaire's scores as stored at completion (with the version's decimals, band, clinical range,
/// prorating, or why it could not be scored), their intake and latest scores side by side with reliable change and
/// reliable-and-clinically-significant improvement (<see cref="ScoreChange"/>), and their end-of-service comment. For
/// each score, the series over time of every client for a chart, with the cut-off, bands and reliable change flags
/// against the client's first score. Research consent is not consulted: it governs reports, not clinical use.
/// Every view is audited (<c>case.outcomes-viewed</c>; counts only, never scores).
/// </summary>
public static class GetOutcomes
{
    public sealed record Query(string? Reference) : IRequest<Result>;

    public sealed record TimepointChoice(Timepoint Timepoint, string Label, IReadOnlyList<string> Instruments);

    public sealed record SessionChoice(int Id, string Label);

    public sealed record Score(string Key, string Name, double? Value, string Display, string? Band, bool? IsClinical, bool Prorated, string? NotScored);

    public sealed record ItemAnswer(int Number, string Text, string Answer);

    /// <summary>One instrument of a completed request: its scores, or for an instrument reported item by item, its answers.</summary>
    public sealed record Response(string Code, string Name, int Version, IReadOnlyList<Score> Scores, IReadOnlyList<ItemAnswer> Items);

    public sealed record Request(
        int Id,
        Timepoint Timepoint,
        string TimepointLabel,
        string? SessionLabel,
        QuestionnaireStatus Status,
        string StatusLabel,
        DateTime CreatedAtUtc,
        DateTime DueAtUtc,
        bool Overdue,
        DateTime? LinkSentAtUtc,
        DateTime? LinkExpiresAtUtc,
        bool LinkWorks,
        DateTime? CompletedAtUtc,
        /// <summary>"Online by the client", or "Entered by the therapist (name)".</summary>
        string? CompletedHow,
        DateTime? CancelledAtUtc,
        IReadOnlyList<string> InstrumentNames,
        IReadOnlyList<Response> Responses,
        bool CanEnter,
        bool CanSendLink,
        bool CanCancel,
        Guid ConcurrencyStamp);

    public sealed record Feedback(DateTime AtUtc, string Comment, bool MayQuote);

    /// <summary>A client's first (intake) and latest score on one measure, and how it changed between them.</summary>
    public sealed record Comparison(
        string ChartKey,
        string Title,
        string FirstDisplay,
        DateTime FirstAtUtc,
        string FirstTimepoint,
        string? LatestDisplay,
        DateTime? LatestAtUtc,
        string? LatestTimepoint,
        string? ChangeDisplay,
        ReliableChange? Reliable,
        string? ReliableLabel,
        /// <summary>Null when there is no later score, or the measure defines no cut-off or no reliable change index.</summary>
        bool? ReliableAndClinicallySignificant);

    public sealed record Client(
        int PersonId, string Name, PersonRole Role, bool AgreedToEmail,
        IReadOnlyList<Request> Requests, IReadOnlyList<Comparison> Comparisons, IReadOnlyList<Feedback> Feedback);

    public sealed record Band(double From, double To, string Label);

    public sealed record Point(
        int RequestId, DateTime AtUtc, string TimepointLabel, double? Value, string Display, string? Band, bool? IsClinical,
        bool Prorated, bool IsFirst, ReliableChange Change, string? ChangeLabel);

    public sealed record Series(int PersonId, string ClientName, IReadOnlyList<Point> Points);

    /// <summary>One score over time (e.g. CORE-10), drawn with the newest version's cut-off and bands.</summary>
    public sealed record Chart(
        string Key, string InstrumentCode, string ScoreKey, string Title, Direction Direction,
        double ScaleMin, double ScaleMax, int Decimals, ClinicalCutoff? Cutoff, double? ReliableChangeIndex,
        IReadOnlyList<Band> Bands, IReadOnlyList<Series> Series)
    {
        public bool HasValues => Series.Any(s => s.Points.Any(p => p.Value is not null));
    }

    public sealed record Result(
        string Reference,
        /// <summary>One of the case's therapists: may ask, send links, cancel and enter answers (supervisors read).</summary>
        bool IsTherapist,
        bool CanAsk,
        IReadOnlyList<TimepointChoice> Timepoints,
        IReadOnlyList<SessionChoice> Sessions,
        IReadOnlyList<Client> Clients,
        IReadOnlyList<Chart> Charts,
        int Overdue);

    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    internal sealed class Handler(AppDbContext db, CaseAccess access, ICurrentUser user, InstrumentCatalogue catalogue, AuditLog audit, TimeProvider clock)
        : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var (referral, level) = await access.LoadAsync(request.Reference, CaseAccessLevel.Clinical, q => q.AsNoTracking()
                .Include(r => r.People)
                .Include(r => r.Allocations)
                .Include(r => r.Sessions)
                .AsSplitQuery(), cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var therapist = CaseQuestionnaires.MayWork(referral, user);

            var requests = await db.QuestionnaireRequests.AsNoTracking()
                .Where(q => q.ReferralId == referral.Id)
                .Include(q => q.Responses).ThenInclude(r => r.Scores)
                .Include(q => q.Responses).ThenInclude(r => r.Answers)
                .AsSplitQuery()
                .OrderBy(q => q.CreatedAtUtc).ThenBy(q => q.Id)
                .ToListAsync(cancellationToken);
            // Each version's definition is read once, however many responses use it.
            var instrumentIds = requests.SelectMany(q => q.Responses).Select(r => r.InstrumentId).Distinct().ToList();
            var instruments = await db.Instruments.AsNoTracking().Where(i => instrumentIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
            foreach (var response in requests.SelectMany(q => q.Responses))
            {
                response.Instrument = instruments[response.InstrumentId];
            }

            var sessions = referral.Sessions.ToDictionary(s => s.Id);
            var people = referral.People.OrderBy(p => p.Role).ToList();
            var charts = Charts(requests, people, instruments.Values);

            var clients = people.Select(person =>
            {
                var mayEmail = referral.AgreedToEmail(person);
                var rows = requests.Where(q => q.PersonId == person.Id).Select(q => new Request(
                    q.Id,
                    q.Timepoint,
                    q.Timepoint.Label(),
                    q.SessionId is { } sid && sessions.TryGetValue(sid, out var s) ? NoteSupport.SessionLabel(s) : null,
                    q.Status,
                    q.Status.Label(),
                    q.CreatedAtUtc,
                    q.DueAtUtc,
                    q.IsOverdue(now),
                    q.LinkSentAtUtc,
                    q.LinkExpiresAtUtc,
                    q.LinkWorks(now),
                    q.CompletedAtUtc,
                    q.Mode switch
                    {
                        CompletionMode.EnteredByTherapist => $"{CompletionMode.EnteredByTherapist.Label()} ({q.EnteredByName})",
                        { } mode => mode.Label(),
                        null => null,
                    },
                    q.CancelledAtUtc,
                    q.Responses.OrderBy(r => r.SortOrder).Select(r => r.Definition.Name).ToList(),
                    q.Status == QuestionnaireStatus.Completed ? q.Responses.OrderBy(r => r.SortOrder).Select(Describe).ToList() : [],
                    therapist && q.IsOpen,
                    therapist && q.IsOpen && mayEmail && CaseQuestionnaires.MayAskFor(referral, q.Timepoint),
                    therapist && q.IsOpen,
                    q.ConcurrencyStamp)).ToList();
                var feedback = requests
                    .Where(q => q.PersonId == person.Id && q.Status == QuestionnaireStatus.Completed && q.FeedbackComment is not null)
                    .Select(q => new Feedback(q.CompletedAtUtc!.Value, q.FeedbackComment!, q.MayQuoteFeedback))
                    .ToList();
                return new Client(person.Id, person.FullName.Trim(), person.Role, mayEmail, rows, Comparisons(charts, person.Id), feedback);
            }).ToList();

            var timepoints = new List<TimepointChoice>();
            if (therapist)
            {
                foreach (var t in (await catalogue.TimepointsAsync(referral.ProgrammeId, cancellationToken)).Where(t => CaseQuestionnaires.MayAskFor(referral, t)))
                {
                    var scheduled = await catalogue.ScheduledAsync(referral.ProgrammeId, t, cancellationToken);
                    timepoints.Add(new TimepointChoice(t, t.Label(), scheduled.Select(i => i.Name).ToList()));
                }
            }

            audit.RecordRead(AuditActions.OutcomesViewed, "Referral", referral.Reference,
                $"access={level}; requests={requests.Count.ToString(CultureInfo.InvariantCulture)}; "
                + $"completed={requests.Count(q => q.Status == QuestionnaireStatus.Completed).ToString(CultureInfo.InvariantCulture)}");
            return new Result(
                referral.Reference,
                therapist,
                therapist && timepoints.Count > 0,
                timepoints,
                referral.Sessions.Where(s => !s.IsCancelled).OrderBy(s => s.StartsAtUtc).Select(s => new SessionChoice(s.Id, NoteSupport.SessionLabel(s))).ToList(),
                clients,
                charts,
                requests.Count(q => q.IsOverdue(now)));
        }
    }

    private static Response Describe(QuestionnaireResponse response)
    {
        var d = response.Definition;
        var scores = d.Scores.Select(definition =>
        {
            var stored = response.Scores.SingleOrDefault(s => s.ScoreKey == definition.Key);
            if (stored is null)
            {
                return new Score(definition.Key, definition.Name, null, "not scored", null, null, false, "Not scored");
            }
            return new Score(definition.Key, definition.Name, stored.Value, OutcomeText.Format(stored.Value, definition.Decimals),
                stored.Band, stored.IsClinical, stored.Prorated, stored.NotScoredReason);
        }).ToList();
        // An instrument reported item by item (service satisfaction) shows its answers.
        var items = d.Scores.Count > 0 ? [] : d.Items.Select(item =>
        {
            var answer = response.Answers.SingleOrDefault(a => a.ItemNumber == item.Number);
            var label = answer is null ? "Not answered" : d.OptionsFor(item).FirstOrDefault(o => o.Value == answer.Value)?.Label ?? answer.Value.ToString(Uk);
            return new ItemAnswer(item.Number, item.Text, label);
        }).ToList();
        return new Response(response.InstrumentCode, d.Name, response.Instrument!.Version, scores, items);
    }

    private static List<Chart> Charts(List<QuestionnaireRequest> requests, List<ReferralPerson> people, IEnumerable<Instrument> instruments)
    {
        var completed = requests.Where(q => q.Status == QuestionnaireStatus.Completed).OrderBy(q => q.CompletedAtUtc).ThenBy(q => q.Id).ToList();
        // The newest version of each code among those used draws the chart (its cut-off and bands).
        var newest = instruments.GroupBy(i => i.Code, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(i => i.Version).First().Definition, StringComparer.OrdinalIgnoreCase);
        var order = completed.SelectMany(q => q.Responses)
            .GroupBy(r => r.InstrumentCode, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Min(r => r.SortOrder)).ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.Key).ToList();

        var charts = new List<Chart>();
        foreach (var code in order)
        {
            var definition = newest[code];
            foreach (var score in definition.Scores)
            {
                var (min, max) = Scale(definition, score, newest);
                var series = people.Select(person =>
                {
                    var points = new List<Point>();
                    double? first = null;
                    foreach (var q in completed.Where(q => q.PersonId == person.Id))
                    {
                        var response = q.Responses.FirstOrDefault(r => string.Equals(r.InstrumentCode, code, StringComparison.OrdinalIgnoreCase));
                        var stored = response?.Scores.SingleOrDefault(s => s.ScoreKey == score.Key);
                        if (response is null || stored is null)
                        {
                            continue;
                        }
                        var isFirst = first is null && stored.Value is not null;
                        var change = ReliableChange.NotDefined;
                        if (stored.Value is { } value)
                        {
                            if (isFirst)
                            {
                                first = value;
                            }
                            else
                            {
                                change = ScoreChange.Between(score, first!.Value, value).Reliable;
                            }
                        }
                        points.Add(new Point(q.Id, q.CompletedAtUtc!.Value, q.Timepoint.Label(), stored.Value,
                            OutcomeText.Format(stored.Value, score.Decimals), stored.Band, stored.IsClinical, stored.Prorated, isFirst, change,
                            stored.Value is null || isFirst || change == ReliableChange.NotDefined ? null : change.Label()));
                    }
                    return new Series(person.Id, person.FullName.Trim(), points);
                }).Where(s => s.Points.Count > 0).ToList();
                if (series.Count == 0)
                {
                    continue;
                }
                var bands = score.Bands.Select((b, i) => new Band(b.From, i + 1 < score.Bands.Count ? score.Bands[i + 1].From : max, b.Label)).ToList();
                // "CORE-10", "Couples Satisfaction Index (CSI-4)", "CORE-OM risk items: Risk".
                var title = definition.Name.Contains(score.Name, StringComparison.OrdinalIgnoreCase) ? definition.Name : $"{definition.Name}: {score.Name}";
                charts.Add(new Chart($"{code}/{score.Key}", code, score.Key, title, score.Direction, min, max, score.Decimals,
                    score.ClinicalCutoff, score.ReliableChange, bands, series));
            }
        }
        return charts;
    }

    private static List<Comparison> Comparisons(IReadOnlyList<Chart> charts, int personId)
    {
        var rows = new List<Comparison>();
        foreach (var chart in charts)
        {
            var scored = chart.Series.SingleOrDefault(s => s.PersonId == personId)?.Points.Where(p => p.Value is not null).ToList() ?? [];
            if (scored.Count == 0)
            {
                continue;
            }
            var first = scored[0];
            if (scored.Count == 1)
            {
                rows.Add(new Comparison(chart.Key, chart.Title, first.Display, first.AtUtc, first.TimepointLabel, null, null, null, null, null, null, null));
                continue;
            }
            var latest = scored[^1];
            var score = new ScoreDefinition
            {
                Key = chart.ScoreKey, Name = chart.Title, Direction = chart.Direction,
                ClinicalCutoff = chart.Cutoff, ReliableChange = chart.ReliableChangeIndex,
            };
            var change = ScoreChange.Between(score, first.Value!.Value, latest.Value!.Value);
            var difference = latest.Value.Value - first.Value.Value;
            var places = chart.Decimals == 0 ? "0" : "0." + new string('0', chart.Decimals);
            var direction = change.Improvement > 1e-9 ? "better" : change.Improvement < -1e-9 ? "worse" : "no change";
            rows.Add(new Comparison(chart.Key, chart.Title, first.Display, first.AtUtc, first.TimepointLabel,
                latest.Display, latest.AtUtc, latest.TimepointLabel,
                $"{difference.ToString($"+{places};-{places};{places}", Uk)} ({direction})",
                change.Reliable, change.Reliable == ReliableChange.NotDefined ? null : change.Reliable.Label(),
                chart.Cutoff is null || chart.ReliableChangeIndex is null ? null : change.ReliableAndClinicallySignificantImprovement));
        }
        return rows;
    }

    /// <summary>The lowest and highest score the definition allows: sums add the items' ranges (linked items use their own instrument's), means average them.</summary>
    internal static (double Min, double Max) Scale(InstrumentDefinition definition, ScoreDefinition score, IReadOnlyDictionary<string, InstrumentDefinition> others)
    {
        var ranges = (score.Items.Count == 0 ? definition.Items.Select(i => i.Number) : score.Items)
            .Select(n => Range(definition, definition.Item(n)))
            .ToList();
        foreach (var linked in score.LinkedItems)
        {
            var parts = linked.Split(':');
            if (others.TryGetValue(parts[0], out var other) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var number)
                && other.Items.Any(i => i.Number == number))
            {
                ranges.Add(Range(other, other.Item(number)));
            }
            else
            {
                ranges.Add((ranges.Min(r => r.Min), ranges.Max(r => r.Max)));
            }
        }
        return score.Aggregate == Aggregate.Mean
            ? (ranges.Average(r => r.Min), ranges.Average(r => r.Max))
            : (ranges.Sum(r => r.Min), ranges.Sum(r => r.Max));
    }

    private static (double Min, double Max) Range(InstrumentDefinition definition, InstrumentItem item)
    {
        var options = definition.OptionsFor(item);
        return (options.Min(o => o.Value), options.Max(o => o.Value));
    }
}
