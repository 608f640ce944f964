using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.TestSupport;

namespace RelationshipSupport.Tests.Triage;

/// <summary>Referrals for the triage tests, sent through the real mediator (validation included) as the public form would.</summary>
public static class TriageData
{
    /// <summary>A last name no other test uses, so a search for it finds only this test's referrals.</summary>
    public static string UniqueName(string stem) => TestReferrals.UniqueName(stem);

    /// <summary>Submits a couple's referral (see <see cref="TestReferrals.Couple"/>) and returns its reference.</summary>
    public static async Task<string> SubmitAsync(TestApp app, string lastName, string firstName = "Alex",
        bool professional = false, bool risk = false, string? partnerLastName = null) =>
        (await app.SendAsync(TestReferrals.Couple(lastName, firstName, professional, risk, partnerLastName))).Reference;

    /// <summary>
    /// The same app (database, clock) behind a test server whose requests come from <paramref name="address"/>, as
    /// Kestrel would report it: the in-memory test server leaves the remote address empty.
    /// </summary>
    public static WebApplicationFactory<Program> FromAddress(TestApp app, IPAddress address) =>
        app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new RemoteAddressFilter(address))));

    /// <summary>A cookie-keeping client of <paramref name="factory"/> signed in through the real login form.</summary>
    public static async Task<HttpClient> SignInAsync(WebApplicationFactory<Program> factory, string email)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await HtmlForm.GetAsync(client, "/account/login");
        var response = await form.PostAsync(client, new() { ["Input.Email"] = email, ["Input.Password"] = TestApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private sealed class RemoteAddressFilter(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
