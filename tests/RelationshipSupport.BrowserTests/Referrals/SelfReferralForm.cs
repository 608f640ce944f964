using Microsoft.Playwright;

namespace RelationshipSupport.BrowserTests.Referrals;

/// <summary>Fills in <c>/refer</c> the way a person does: finding each question by its label or legend.</summary>
public static class SelfReferralForm
{
    /// <summary>A group of fields (a fieldset, or a section of the form) found by its legend or heading.</summary>
    public static ILocator Group(IPage page, string name) =>
        page.GetByRole(AriaRole.Group, new() { Name = name, Exact = true });

    public static Task ChooseAsync(IPage page, string question, string answer) =>
        Group(page, question).GetByLabel(answer, new() { Exact = true }).CheckAsync();

    /// <summary>Completes every required question for a couple, with safe answers to the safety questions.</summary>
    public static async Task FillForACoupleAsync(IPage page, string domesticAbuseAnswer = "No")
    {
        await ChooseAsync(page, "Who is the referral for?", "Me and my partner");

        var you = Group(page, "About you");
        await you.GetByLabel("First name").FillAsync("Alexandra");
        await you.GetByLabel("Last name").FillAsync("Testperson");
        await you.GetByLabel("Email address").FillAsync("alex.client@example.com");
        await you.GetByLabel("Phone number").FillAsync("07700 900982");
        await ChooseAsync(page, "How would you prefer to be contacted?", "Email");
        await you.GetByLabel("When is it safe to contact you?").FillAsync("Weekdays after 7pm");
        await ChooseAsync(page, "Can we leave a message (voicemail or text) that says who we are?", "Yes");
        await you.GetByLabel("Employer", new() { Exact = true }).FillAsync("Barts Health NHS Trust");
        await you.GetByLabel("Job role", new() { Exact = true }).FillAsync("Staff nurse");

        await ChooseAsync(page, "Which Staff Wellbeing Hub covers your workplace?", "North East London Staff Wellbeing Hub");
        await ChooseAsync(page, "Did your Staff Wellbeing Hub suggest this referral?", "No");

        var partner = Group(page, "Your partner");
        await partner.GetByLabel("First name").FillAsync("Jordan");
        await partner.GetByLabel("Last name").FillAsync("Testperson");
        await page.GetByLabel("My partner has agreed to come to counselling with me").CheckAsync();

        await page.GetByLabel("Briefly, what is the difficulty you would like help with?")
            .FillAsync("We argue about shifts and childcare and have stopped talking.");
        await ChooseAsync(page, "What kind of counselling are you looking for?", "Relationship counselling");
        await ChooseAsync(page, "When could sessions happen?", "Weekday evenings");
        await ChooseAsync(page, "When could sessions happen?", "Weekends");
        await ChooseAsync(page, "Would you like sessions online or in person?", "Online (video call)");

        await ChooseAsync(page, "Is there any domestic abuse or coercive control in your relationship at the moment?", domesticAbuseAnswer);
        await ChooseAsync(page, "Are you or your partner currently unwell with a severe mental illness?", "No");
        await ChooseAsync(page, "Is drug or alcohol use by you or your partner out of control at the moment?", "No");

        await page.GetByLabel("I agree to Relationship Support keeping my details to provide this service").CheckAsync();
    }

    public static Task SendAsync(IPage page) =>
        page.GetByRole(AriaRole.Button, new() { Name = "Send referral" }).ClickAsync();
}
