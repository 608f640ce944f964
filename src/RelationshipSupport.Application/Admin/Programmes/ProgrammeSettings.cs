using FluentValidation;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Admin.Programmes;

/// <summary>
/// The settings of a programme as the form edits them (numbers as typed, so a wrong value is shown back as it
/// was), shared by <see cref="AddProgramme"/> and <see cref="UpdateProgramme"/>.
/// </summary>
public class ProgrammeSettings
{
    public const int MinSessionsAllowed = 1;
    public const int MaxSessionsAllowed = 40;
    public const int MinMinutes = 15;
    public const int MaxMinutes = 120;
    public const int MinAttempts = 1;
    public const int MaxAttempts = 10;
    public const int MaxNameLength = 200;
    public const int MaxWhatHappensNextLength = 4000;
    public const int MaxReportTextLength = 8000;

    public string? Name { get; set; }
    public string? Commissioner { get; set; }
    public DateInput ContractStart { get; set; } = new();
    public DateInput ContractEnd { get; set; } = new();
    /// <summary>The routes by which referrals are accepted (none: the programme takes no new referrals).</summary>
    public List<ReferralRoute> Routes { get; set; } = [];
    /// <summary>Whether the programme takes new referrals at all (a closed programme keeps its records).</summary>
    public bool IsActive { get; set; } = true;
    public string? MinSessions { get; set; }
    public string? MaxSessions { get; set; }
    public string? MaxSessionMinutes { get; set; }
    public bool RequiresScreeningPanel { get; set; }
    /// <summary>Couples: each partner has an individual assessment as well as the joint one.</summary>
    public bool IndividualAssessmentsForCouples { get; set; }
    public string? UnansweredAttemptsBeforeClosure { get; set; }
    public ReportStyle? ReportStyle { get; set; }
    public string? WhatHappensNext { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }
    public string? ReportIntroduction { get; set; }
    public string? ReportServiceDescription { get; set; }
    public string? ReportConclusions { get; set; }

    /// <summary>Fills a form from values read earlier (the page's own copy).</summary>
    public void CopyFrom(ProgrammeSettings other)
    {
        Name = other.Name;
        Commissioner = other.Commissioner;
        ContractStart = other.ContractStart;
        ContractEnd = other.ContractEnd;
        Routes = [.. other.Routes];
        IsActive = other.IsActive;
        MinSessions = other.MinSessions;
        MaxSessions = other.MaxSessions;
        MaxSessionMinutes = other.MaxSessionMinutes;
        RequiresScreeningPanel = other.RequiresScreeningPanel;
        IndividualAssessmentsForCouples = other.IndividualAssessmentsForCouples;
        UnansweredAttemptsBeforeClosure = other.UnansweredAttemptsBeforeClosure;
        ReportStyle = other.ReportStyle;
        WhatHappensNext = other.WhatHappensNext;
        ContactEmail = other.ContactEmail;
        ContactPhone = other.ContactPhone;
        ReportIntroduction = other.ReportIntroduction;
        ReportServiceDescription = other.ReportServiceDescription;
        ReportConclusions = other.ReportConclusions;
    }

    public void CopyFrom(Programme p)
    {
        Name = p.Name;
        Commissioner = p.Commissioner;
        ContractStart = DateInput.From(p.ContractStart);
        ContractEnd = DateInput.From(p.ContractEnd);
        Routes = [];
        if (p.AcceptsSelfReferrals) Routes.Add(ReferralRoute.SelfReferral);
        if (p.AcceptsProfessionalReferrals) Routes.Add(ReferralRoute.Professional);
        IsActive = p.IsActive;
        MinSessions = Str(p.MinSessions);
        MaxSessions = Str(p.MaxSessions);
        MaxSessionMinutes = Str(p.MaxSessionMinutes);
        RequiresScreeningPanel = p.RequiresScreeningPanel;
        IndividualAssessmentsForCouples = p.IndividualAssessmentsForCouples;
        UnansweredAttemptsBeforeClosure = Str(p.UnansweredAttemptsBeforeClosure);
        ReportStyle = p.ReportStyle;
        WhatHappensNext = p.WhatHappensNext;
        ContactEmail = p.ContactEmail;
        ContactPhone = p.ContactPhone;
        ReportIntroduction = p.ReportIntroduction;
        ReportServiceDescription = p.ReportServiceDescription;
        ReportConclusions = p.ReportConclusions;
    }

    /// <summary>Applies validated settings.</summary>
    internal void ApplyTo(Programme p)
    {
        p.Name = AdminChanges.Text(Name);
        p.Commissioner = AdminChanges.Text(Commissioner);
        p.ContractStart = ContractStart.ToDate();
        p.ContractEnd = ContractEnd.ToDate();
        p.AcceptsSelfReferrals = Routes.Contains(ReferralRoute.SelfReferral);
        p.AcceptsProfessionalReferrals = Routes.Contains(ReferralRoute.Professional);
        p.IsActive = IsActive;
        p.MinSessions = AdminRules.Number(MinSessions)!.Value;
        p.MaxSessions = AdminRules.Number(MaxSessions)!.Value;
        p.MaxSessionMinutes = AdminRules.Number(MaxSessionMinutes)!.Value;
        p.RequiresScreeningPanel = RequiresScreeningPanel;
        p.IndividualAssessmentsForCouples = IndividualAssessmentsForCouples;
        p.UnansweredAttemptsBeforeClosure = AdminRules.Number(UnansweredAttemptsBeforeClosure)!.Value;
        p.ReportStyle = ReportStyle!.Value;
        p.WhatHappensNext = AdminChanges.Text(WhatHappensNext);
        p.ContactEmail = AdminChanges.Text(ContactEmail);
        p.ContactPhone = AdminChanges.Text(ContactPhone);
        p.ReportIntroduction = AdminChanges.Text(ReportIntroduction);
        p.ReportServiceDescription = AdminChanges.Text(ReportServiceDescription);
        p.ReportConclusions = AdminChanges.Text(ReportConclusions);
    }

    private static string Str(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The rules both commands include.</summary>
    public sealed class Rules : AbstractValidator<ProgrammeSettings>
    {
        public Rules()
        {
            RuleFor(s => s.Name).RequiredText("Enter the programme's name", "Name", MaxNameLength);
            RuleFor(s => s.Commissioner).RequiredText("Enter who commissions the programme", "Commissioner", MaxNameLength);

            RuleFor(s => s.ContractStart).Must(d => d.IsEmpty || d.ToDate() is not null)
                .WithMessage("Contract start must be a real date, like 1 4 2026");
            RuleFor(s => s.ContractEnd).Cascade(CascadeMode.Stop)
                .Must(d => d.IsEmpty || d.ToDate() is not null).WithMessage("Contract end must be a real date, like 31 3 2027")
                .Must((s, d) => d.IsEmpty || s.ContractStart.ToDate() is not { } start || d.ToDate() > start)
                .WithMessage("Contract end must be after the contract start");

            RuleForEach(s => s.Routes).IsInEnum().WithMessage("Select the routes by which referrals are accepted");

            RuleFor(s => s.MinSessions).WholeNumber("minimum number of sessions", MinSessionsAllowed, MaxSessionsAllowed);
            RuleFor(s => s.MaxSessions).WholeNumber("maximum number of sessions", MinSessionsAllowed, MaxSessionsAllowed)
                .Must((s, max) => AdminRules.Number(s.MinSessions) is not { } min || min <= AdminRules.Number(max))
                .WithMessage("The maximum number of sessions must be the same as or more than the minimum");
            RuleFor(s => s.MaxSessionMinutes).WholeNumber("longest session in minutes", MinMinutes, MaxMinutes);
            RuleFor(s => s.UnansweredAttemptsBeforeClosure)
                .WholeNumber("number of unanswered contact attempts before closure", MinAttempts, MaxAttempts);

            RuleFor(s => s.ReportStyle).NotNull().WithMessage("Select the report style")
                .IsInEnum().WithMessage("Select the report style");

            RuleFor(s => s.WhatHappensNext).RequiredText("Enter what happens next, as people who are referred will read it",
                "What happens next", MaxWhatHappensNextLength);
            RuleFor(s => s.ContactEmail).Cascade(CascadeMode.Stop)
                .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Enter the programme's contact email address")
                .Email("the contact email address");
            RuleFor(s => s.ContactPhone).Cascade(CascadeMode.Stop)
                .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Enter the programme's contact phone number")
                .UkPhone("the contact phone number");

            RuleFor(s => s.ReportIntroduction).OptionalText("Report introduction", MaxReportTextLength);
            RuleFor(s => s.ReportServiceDescription).OptionalText("Report service description", MaxReportTextLength);
            RuleFor(s => s.ReportConclusions).OptionalText("Report conclusions", MaxReportTextLength);
        }
    }
}
