using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Outcomes.Case;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.TestSupport;

namespace RelationshipSupport.Tests.Outcomes;

/// <summary>The clinician's side of questionnaires: finding a case's requests and entering answers as a therapist would.</summary>
public static partial class OutcomeData
{
    public sealed record RequestRow(int Id, int PersonId, PersonRole Role, Timepoint Timepoint, QuestionnaireStatus Status, Guid ConcurrencyStamp);

    /// <summary>The case's questionnaire requests, primary client first, oldest first.</summary>
    public static Task<List<RequestRow>> RequestsAsync(TestApp app, string reference) => app.QueryDbAsync(db =>
        (from q in db.QuestionnaireRequests
         join p in db.ReferralPeople on q.PersonId equals p.Id
         join r in db.Referrals on q.ReferralId equals r.Id
         where r.Reference == reference
         orderby p.Role, q.Id
         select new RequestRow(q.Id, q.PersonId, p.Role, q.Timepoint, q.Status, q.ConcurrencyStamp)).ToListAsync());

    /// <summary>
    /// A whole form's answers for <paramref name="requestId"/>: every item of every instrument at its lowest answer
    /// (no risk, nothing reversed), with CORE-10 given as the ten items' <em>scored</em> values (items 2 and 3 are
    /// reversed here, as the client's form would have them; null = not answered) and any other item set by key.
    /// </summary>
    public static async Task<Dictionary<string, string?>> AnswersAsync(TestApp app, int requestId, int?[]? core10Scored = null, Dictionary<string, int?>? others = null)
    {
        var responses = await app.QueryDbAsync(db => db.QuestionnaireResponses.Include(r => r.Instrument).Where(r => r.RequestId == requestId).ToListAsync());
        var answers = new Dictionary<string, string?>();
        foreach (var response in responses)
        {
            var definition = response.Definition;
            foreach (var item in definition.Items)
            {
                answers[EnterAnswers.Key(response.InstrumentCode, item.Number)] = definition.OptionsFor(item).Min(o => o.Value).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            if (response.InstrumentCode == BuiltInInstruments.Core10 && core10Scored is not null)
            {
                for (var i = 0; i < 10; i++)
                {
                    var item = definition.Item(i + 1);
                    answers[EnterAnswers.Key(BuiltInInstruments.Core10, i + 1)] = core10Scored[i] is { } scored
                        ? (item.Reverse ? 4 - scored : scored).ToString(System.Globalization.CultureInfo.InvariantCulture)
                        : EnterAnswers.NotAnswered;
                }
            }
        }
        foreach (var (key, value) in others ?? [])
        {
            answers[key] = value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? EnterAnswers.NotAnswered;
        }
        return answers;
    }

    /// <summary>Enters a client's answers through the real command, as the therapist, from the request's current state.</summary>
    public static async Task<EnterAnswers.Result> EnterAsync(TestApp app, string reference, StaffUser therapist, int requestId,
        Dictionary<string, string?> answers, string? feedback = null, bool mayQuote = false)
    {
        var stamp = await app.QueryDbAsync(db => db.QuestionnaireRequests.Where(q => q.Id == requestId).Select(q => q.ConcurrencyStamp).SingleAsync());
        return await app.SendAsync(new EnterAnswers.Command
        {
            Reference = reference,
            RequestId = requestId,
            ConcurrencyStamp = stamp,
            Answers = answers,
            FeedbackComment = feedback,
            MayQuoteFeedback = mayQuote,
        }, therapist, [Roles.Therapist]);
    }

    /// <summary>No duplicate ids, a label for every visible field, headings in order (as the case pages' tests check).</summary>
    public static void AssertWellFormed(AngleSharp.Html.Dom.IHtmlDocument page)
    {
        var ids = page.QuerySelectorAll("[id]").Select(e => e.Id!).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        foreach (var field in page.QuerySelectorAll("main input:not([type=hidden]), main textarea, main select"))
        {
            Assert.True(field.Id is { Length: > 0 } id && page.QuerySelectorAll("label").Any(l => l.GetAttribute("for") == id), $"No label for {field.GetAttribute("name")}");
        }
        var levels = page.QuerySelectorAll("main h1, main h2, main h3, main h4").Select(h => int.Parse(h.TagName[1..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        for (var i = 1; i < levels.Count; i++)
        {
            Assert.True(levels[i] <= levels[i - 1] + 1, $"Heading h{levels[i]} follows h{levels[i - 1]}");
        }
    }

    /// <summary>Asks for <paramref name="timepoint"/> on paper and enters the primary client's CORE-10 (scored values) with everything else at its lowest.</summary>
    public static async Task<int> PaperCore10Async(TestApp app, string reference, StaffUser therapist, Timepoint timepoint, int?[] core10Scored)
    {
        await RequestAsync(app, reference, therapist, timepoint, sendLinks: false);
        var request = (await RequestsAsync(app, reference)).Single(r => r.Role == PersonRole.Primary && r.Timepoint == timepoint && r.Status != QuestionnaireStatus.Cancelled);
        await EnterAsync(app, reference, therapist, request.Id, await AnswersAsync(app, request.Id, core10Scored));
        return request.Id;
    }
}
