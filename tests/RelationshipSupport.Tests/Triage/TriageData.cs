using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Referrals;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Infrastructure.Seeding;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Triage;

/// <summary>Referrals for the triage tests, sent through the real mediator (validation included) as the public form would.</summary>
public static class TriageData
{
    /// <summary>A last name no other test uses, so a search for it finds only this test's referrals.</summary>
    public static string UniqueName(string stem) => stem + Guid.NewGuid().ToString("N")[..6];

    public static async Task<string> SubmitAsync(TestApp app, string lastName, string firstName = "Alex",
        bool professional = false, bool risk = false, string? partnerLastName = null)
    {
        var command = new SubmitReferral.Command
        {
            Route = professional ? ReferralRoute.Professional : ReferralRoute.SelfReferral,
            SubmissionId = Guid.NewGuid(),
            ProgrammeCode = professional ? ReferenceDataSeeder.ParentsInConflict : ReferenceDataSeeder.NhsStaff,
            HubCode = professional ? "la-childrens-social-care" : "nel-hub",
            ReferredByHub = professional ? null : false,
            ClientType = ClientType.Couple,
            Primary = new SubmitReferral.PersonInput
            {
                FirstName = firstName,
                LastName = lastName,
                DateOfBirth = new DateInput { Day = "14", Month = "2", Year = "1986" },
                Email = "client@example.com",
                Phone = "07700 900982",
                PreferredContact = PreferredContact.Phone,
                SafeContactTimes = "Weekdays after 7pm, never at work",
                MayLeaveMessages = false,
                Employer = professional ? null : "Barts Health NHS Trust",
                JobRole = professional ? null : "Staff nurse",
            },
            Partner = new SubmitReferral.PersonInput { FirstName = "Jordan", LastName = partnerLastName ?? lastName },
            PartnerAgrees = true,
            Difficulty = "We argue about shifts and childcare.",
            CounsellingKinds = [professional ? CounsellingKinds.CoParenting : CounsellingKinds.Relationship],
            Availability = [Availability.WeekdayEvenings],
            Format = SessionFormat.Online,
            DomesticAbuse = risk ? ScreeningAnswer.NotSure : ScreeningAnswer.No,
            SevereMentalIllness = ScreeningAnswer.No,
            SubstanceMisuse = ScreeningAnswer.No,
            ConsentToService = true,
            ConsentToEvaluation = true,
        };
        if (professional)
        {
            command.ReferrerName = "Sam Socialworker";
            command.ReferrerRole = ReferrerRole.SocialWorker;
            command.ReferrerOrganisation = "Borough Children's Services";
            command.ReferrerEmail = "sam.sw@borough.example";
            command.ReferrerPhone = "020 7946 0011";
            command.FamilyConsentConfirmed = true;
            command.Children = [new SubmitReferral.ChildInput { FirstName = "Kid", Age = "7" }];
        }
        var result = await app.SendAsync(command);
        return result.Reference;
    }

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
