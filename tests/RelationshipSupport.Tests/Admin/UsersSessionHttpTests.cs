using System.Net;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Tests.Account;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.Tests.Triage;
using static RelationshipSupport.Tests.Admin.UsersSteps;

namespace RelationshipSupport.Tests.Admin;

/// <summary>Deactivating an account ends the sessions it has open (an app of its own: the test moves the clock).</summary>
public sealed class UsersSessionHttpTests
{
    [Fact]
    public async Task Deactivating_an_account_signs_it_out_within_a_minute_and_stops_it_signing_in_until_reactivated()
    {
        using var app = new TestApp();
        var coordinator = await app.CreateUserAsync(Roles.Coordinator);
        var session = await TriageData.SignInAsync(app, coordinator.Email!);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/triage")).StatusCode);
        var (_, admin) = await SignedInAdminAsync(app);

        var page = await FollowAsync(admin, await ActAsync(admin, coordinator.Id, "Deactivate"));
        Assert.Equal("Account deactivated: they are signed out within a minute and cannot sign in", Success(page));
        Assert.StartsWith("Deactivated on", page.QuerySelector("[data-testid=status]")!.TextContent.Trim(), StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromSeconds(61));
        var next = await session.GetAsync("/triage");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Equal("/account/login", next.Headers.Location!.AbsolutePath, ignoreCase: true);

        var refused = await HtmlForm.ParseAsync(await AccountSteps.PostLoginAsync(app.CreateBrowserLikeClient(), coordinator.Email!, TestApp.Password));
        Assert.Equal([RelationshipSupport.Web.Pages.Account.LoginModel.DeactivatedMessage], HtmlForm.ErrorSummary(refused));
        var stored = await AccountSteps.ReloadAsync(app, coordinator);
        Assert.False(stored.IsActive);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddSeconds(-61), stored.DeactivatedAtUtc);

        Assert.Equal("Account reactivated", Success(await FollowAsync(admin, await ActAsync(admin, coordinator.Id, "Reactivate"))));
        Assert.Equal(HttpStatusCode.Redirect, (await AccountSteps.PostLoginAsync(app.CreateBrowserLikeClient(), coordinator.Email!, TestApp.Password)).StatusCode);
        var actions = await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.EntityId == coordinator.Id && a.EntityType == "StaffUser").Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditActions.UserDeactivated, actions);
        Assert.Contains(AuditActions.UserReactivated, actions);
    }
}
