using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using RelationshipSupport.Application.Admin.Programmes;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Admin;

/// <summary>What the settings tests share: an administrator, a fresh programme, and reading forms back.</summary>
public static class SettingsData
{
    private static int _counter;

    /// <summary>A programme code no other test uses.</summary>
    public static string UniqueCode(string stem) => $"{stem}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid():N}"[..Math.Min(40, stem.Length + 14)];

    /// <summary>Adds a programme through the real mediator, as an administrator, and returns its code.</summary>
    public static async Task<string> AddProgrammeAsync(TestApp app, string stem = "prog", bool self = false, bool professional = true)
    {
        var admin = await app.CreateUserAsync(Roles.Administrator);
        var command = new AddProgramme.Command { Code = UniqueCode(stem) };
        command.CopyFrom(Settings(self, professional));
        return (await app.SendAsync(command, admin, [Roles.Administrator])).Code;
    }

    public static ProgrammeSettings Settings(bool self = false, bool professional = true) => new()
    {
        Name = "Test programme",
        Commissioner = "Test commissioner",
        Routes = [.. (self ? new[] { ReferralRoute.SelfReferral } : []), .. (professional ? new[] { ReferralRoute.Professional } : [])],
        MinSessions = "4",
        MaxSessions = "6",
        MaxSessionMinutes = "60",
        UnansweredAttemptsBeforeClosure = "3",
        ReportStyle = ReportStyle.Dwp,
        WhatHappensNext = "We will call you.",
        ContactEmail = "test@relationship-support.example",
        ContactPhone = "020 7946 0999",
    };

    public static string Value(IDocument page, string id) => page.QuerySelector<IHtmlInputElement>("#" + id)?.Value
        ?? page.QuerySelector<IHtmlTextAreaElement>("#" + id)?.Value
        ?? page.QuerySelector<IHtmlSelectElement>("#" + id)?.Value
        ?? throw new Xunit.Sdk.XunitException($"No field #{id}");

    public static string? Success(IDocument page) =>
        page.QuerySelector("[data-testid=success] .nhsuk-notification-banner__heading")?.TextContent.Trim();
}
