using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Triage;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Infrastructure.Seeding;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.TestSupport;

namespace RelationshipSupport.Tests.Screening;

/// <summary>Referrals at each step of screening, and the checklist as the form posts it.</summary>
public static class ScreeningData
{
    public static string Url(string reference, string step) => $"/triage/referral/{reference}/{step}";

    /// <summary>A staff self-referral, or with <paramref name="parents"/> a social worker's referral of parents who prefer email.</summary>
    public static async Task<string> SubmitAsync(TestApp app, bool parents = false, bool risk = false, bool personPrefersEmail = true)
    {
        var command = TestReferrals.Couple(TestReferrals.UniqueName("Screen"), professional: parents, risk: risk);
        if (parents && personPrefersEmail) command.Primary.PreferredContact = PreferredContact.Email;
        return (await app.SendAsync(command)).Reference;
    }

    /// <summary>A referral already in screening (started by a supervisor through the real mediator).</summary>
    public static async Task<string> InScreeningAsync(TestApp app, bool parents = false, bool risk = false, bool personPrefersEmail = true)
    {
        var reference = await SubmitAsync(app, parents, risk, personPrefersEmail);
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        await app.SendAsync(new StartScreening.Command { Reference = reference, ConcurrencyStamp = await StampAsync(app, reference) }, supervisor, [Roles.Supervisor]);
        return reference;
    }

    /// <summary>A parents' referral waiting for the screening panel (screened and reviewed through the real mediator).</summary>
    public static async Task<string> WaitingForPanelAsync(TestApp app)
    {
        var reference = await InScreeningAsync(app, parents: true);
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var criteria = await CriteriaAsync(app, ReferenceDataSeeder.ParentsInConflict);
        await app.SendAsync(new RecordScreening.Command
        {
            Reference = reference,
            ConcurrencyStamp = await StampAsync(app, reference),
            Answers = criteria.Select(c => new RecordScreening.Answer { CriterionId = c.Id, Met = c.Kind == CriterionKind.Inclusion }).ToList(),
            Outcome = ScreeningOutcome.Accept,
        }, supervisor, [Roles.Supervisor]);
        await app.SendAsync(new ReviewSuitability.Command { Reference = reference, ConcurrencyStamp = await StampAsync(app, reference), Suitable = true },
            supervisor, [Roles.Supervisor]);
        return reference;
    }

    public static Task<Guid> StampAsync(TestApp app, string reference) =>
        app.QueryDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.ConcurrencyStamp).SingleAsync());

    public static Task<Referral> LoadAsync(TestApp app, string reference) =>
        app.QueryDbAsync(db => db.Referrals.AsNoTracking()
            .Include(r => r.Screenings).ThenInclude(s => s.Results)
            .Include(r => r.Signposting)
            .Include(r => r.StatusChanges)
            .AsSplitQuery()
            .SingleAsync(r => r.Reference == reference));

    /// <summary>The active criteria in the order the checklist shows them (inclusion first).</summary>
    public static Task<List<ProgrammeCriterion>> CriteriaAsync(TestApp app, string programmeCode) =>
        app.QueryDbAsync(db => db.ProgrammeCriteria.AsNoTracking()
            .Where(c => c.IsActive && db.Programmes.Any(p => p.Id == c.ProgrammeId && p.Code == programmeCode))
            .OrderBy(c => c.Kind).ThenBy(c => c.SortOrder).ToListAsync());

    /// <summary>Checklist answers as posted: every inclusion met; the first exclusion applies when <paramref name="exclusionApplies"/>.</summary>
    public static Dictionary<string, string?> Checklist(IReadOnlyList<ProgrammeCriterion> criteria, bool exclusionApplies = false)
    {
        var firstExclusion = criteria.First(c => c.Kind == CriterionKind.Exclusion).Id;
        var fields = new Dictionary<string, string?>();
        for (var i = 0; i < criteria.Count; i++)
        {
            var c = criteria[i];
            var met = c.Kind == CriterionKind.Inclusion || (exclusionApplies && c.Id == firstExclusion);
            fields[$"Input.Answers[{i}].Met"] = met ? "true" : "false";
        }
        return fields;
    }

    public static Dictionary<string, string?> With(this Dictionary<string, string?> fields, string key, string? value)
    {
        fields[key] = value;
        return fields;
    }

    public static string? Checked(IDocument page, string name) =>
        page.QuerySelectorAll<IHtmlInputElement>($"input[name='{name}']").SingleOrDefault(i => i.IsChecked)?.Value;

    public static string TextArea(IDocument page, string id) => page.QuerySelector<IHtmlTextAreaElement>("#" + id)?.Value ?? throw new Xunit.Sdk.XunitException($"No textarea #{id}");

    public static async Task<List<int>> SignpostingIdsAsync(TestApp app, params string[] names) =>
        await app.QueryDbAsync(db => db.SignpostingEntries.Where(e => names.Contains(e.Name)).Select(e => e.Id).ToListAsync());
}
