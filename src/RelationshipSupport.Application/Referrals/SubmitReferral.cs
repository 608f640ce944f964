using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Messaging;
using RelationshipSupport.Application.Programmes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Referrals;

/// <summary>A referral from the public forms: a member of staff for themselves, or a professional for a family.</summary>
public static class SubmitReferral
{
    public const int MaxChildren = 4;

    /// <summary>The hub answer for "I do not know" / "none of these".</summary>
    public const string NoHub = "none";

    public sealed class PersonInput
    {
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public DateInput DateOfBirth { get; set; } = new();
        public string? Email { get; set; }
        public string? Phone { get; set; }
        public PreferredContact? PreferredContact { get; set; }
        public string? SafeContactTimes { get; set; }
        public bool? MayLeaveMessages { get; set; }
        public string? Employer { get; set; }
        public string? JobRole { get; set; }
        public string? EthnicCategory { get; set; }
        public string? GenderIdentity { get; set; }
    }

    public sealed class ChildInput
    {
        public string? FirstName { get; set; }
        public string? Age { get; set; }
        public bool LivesWithParents { get; set; } = true;

        public bool IsBlank => string.IsNullOrWhiteSpace(FirstName) && string.IsNullOrWhiteSpace(Age);
    }

    public sealed class Command : IRequest<Result>
    {
        /// <summary>Set by the page, never bound from the form.</summary>
        public ReferralRoute Route { get; set; }
        public Guid SubmissionId { get; set; }
        public string? ProgrammeCode { get; set; }
        public string? HubCode { get; set; }
        public bool? ReferredByHub { get; set; }

        public ClientType? ClientType { get; set; }
        public PersonInput Primary { get; set; } = new();
        public PersonInput Partner { get; set; } = new();
        public bool PartnerAgrees { get; set; }
        public List<ChildInput> Children { get; set; } = [];

        public string? Difficulty { get; set; }
        public List<CounsellingKinds> CounsellingKinds { get; set; } = [];
        public List<Availability> Availability { get; set; } = [];
        public string? AvailabilityNotes { get; set; }
        public SessionFormat? Format { get; set; }

        public ScreeningAnswer? DomesticAbuse { get; set; }
        public ScreeningAnswer? SevereMentalIllness { get; set; }
        public ScreeningAnswer? SubstanceMisuse { get; set; }

        public bool ConsentToService { get; set; }
        public bool ConsentToEvaluation { get; set; }

        public string? ReferrerName { get; set; }
        public ReferrerRole? ReferrerRole { get; set; }
        public string? ReferrerRoleOther { get; set; }
        public string? ReferrerOrganisation { get; set; }
        public string? ReferrerEmail { get; set; }
        public string? ReferrerPhone { get; set; }
        public bool FamilyConsentConfirmed { get; set; }
        public bool ReferrerMayBeUpdated { get; set; }

        public bool IsProfessional => Route == ReferralRoute.Professional;
        public bool IsCouple => ClientType == Domain.Referrals.ClientType.Couple;
    }

    /// <param name="Acknowledged">The person who filled in the form is sent an acknowledgement email.</param>
    public sealed record Result(string Reference, bool RiskFlag, bool AlreadySubmitted, bool Acknowledged = false);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ProgrammeDirectory programmes, TimeProvider clock)
        {
            DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

            RuleFor(c => c.SubmissionId).NotEmpty().WithMessage("The form has expired: reload the page and try again");
            RuleFor(c => c.Route).IsInEnum();
            RuleFor(c => c.ProgrammeCode).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Select the service you are referring to")
                .MustAsync(async (c, code, ct) => (await programmes.FindAsync(code, ct))?.Accepts(c.Route) == true)
                .WithMessage("Select a service that accepts this kind of referral");

            RuleFor(c => c.ClientType).NotNull().WithMessage(c => c.IsProfessional
                ? "Select whether you are referring one parent or both parents" : "Select whether you are referring yourself or yourself and a partner");

            // Rules on nested objects through child validators: FluentValidation caches their member accessors,
            // where rules on computed expressions would be compiled again for every request.
            RuleFor(c => c.Primary).SetValidator(new PersonValidator("your", Today)).When(c => !c.IsProfessional);
            RuleFor(c => c.Primary).SetValidator(new PersonValidator("the parent's", Today)).When(c => c.IsProfessional);
            When(c => c.IsCouple, () =>
            {
                RuleFor(c => c.Partner).SetValidator(new PersonValidator("your partner's", Today)).When(c => !c.IsProfessional);
                RuleFor(c => c.Partner).SetValidator(new PersonValidator("the second parent's", Today)).When(c => c.IsProfessional);
                RuleFor(c => c.PartnerAgrees).Equal(true).When(c => !c.IsProfessional)
                    .WithMessage("Confirm that your partner has agreed to be referred with you");
            });

            RuleFor(c => c.Primary).Must(p => !string.IsNullOrWhiteSpace(p.Email) || !string.IsNullOrWhiteSpace(p.Phone))
                .OverridePropertyName("Primary.Email")
                .WithMessage(c => c.IsProfessional ? "Enter an email address or a phone number for the parent" : "Enter an email address or a phone number so we can contact you");
            RuleFor(c => c.Primary.PreferredContact).NotNull().WithMessage(c => c.IsProfessional
                ? "Select how the parent would like to be contacted" : "Select how you would like to be contacted")
                .IsInEnum();
            RuleFor(c => c.Primary.MayLeaveMessages).NotNull().WithMessage("Select whether we may leave a message");
            RuleFor(c => c.Primary.Email).NotEmpty().When(c => c.Primary.PreferredContact == PreferredContact.Email)
                .WithMessage("Enter an email address, or choose another way to be contacted");
            RuleFor(c => c.Primary.Phone).NotEmpty().When(c => c.Primary.PreferredContact is PreferredContact.Phone or PreferredContact.Text)
                .WithMessage("Enter a phone number, or choose another way to be contacted");

            When(c => !c.IsProfessional, () =>
            {
                RuleFor(c => c.Primary.Employer).RequiredText("Enter your employer", "Employer", 200);
                RuleFor(c => c.Primary.JobRole).RequiredText("Enter your job role", "Job role", 200);
                RuleFor(c => c.ReferredByHub).NotNull().WithMessage("Select whether your Staff Wellbeing Hub suggested this referral");
            });
            RuleFor(c => c.HubCode).MustAsync(async (c, code, ct) => string.IsNullOrEmpty(code) || code == NoHub
                    || (await programmes.FindAsync(c.ProgrammeCode, ct))?.Hub(code) is not null)
                .WithMessage("Select a hub from the list");

            RuleFor(c => c.Difficulty).RequiredText(c => c.IsProfessional
                ? "Describe the difficulty the parents would like help with" : "Describe the difficulty you would like help with",
                "The description of the difficulty", 2000);
            RuleFor(c => c.CounsellingKinds).NotEmpty().WithMessage("Select the kind of counselling you are looking for");
            RuleForEach(c => c.CounsellingKinds).IsInEnum();
            RuleFor(c => c.Availability).NotEmpty().WithMessage("Select when you are available for sessions");
            RuleForEach(c => c.Availability).IsInEnum();
            RuleFor(c => c.AvailabilityNotes).OptionalText("Notes about availability", 500);
            RuleFor(c => c.Format).NotNull().WithMessage("Select whether you would like sessions online or in person").IsInEnum();

            RuleFor(c => c.DomesticAbuse).NotNull().WithMessage("Answer the question about domestic abuse or coercive control").IsInEnum();
            RuleFor(c => c.SevereMentalIllness).NotNull().WithMessage("Answer the question about severe mental illness").IsInEnum();
            RuleFor(c => c.SubstanceMisuse).NotNull().WithMessage("Answer the question about drug or alcohol use").IsInEnum();

            RuleFor(c => c.ConsentToService).Equal(true).When(c => !c.IsProfessional)
                .WithMessage("Confirm that you agree to us using your details to provide the service");

            When(c => c.IsProfessional, () =>
            {
                RuleFor(c => c.ReferrerName).RequiredText("Enter your name", "Your name", 200);
                RuleFor(c => c.ReferrerRole).NotNull().WithMessage("Select your role").IsInEnum();
                RuleFor(c => c.ReferrerRoleOther).RequiredText("Describe your role", "Your role", 100)
                    .When(c => c.ReferrerRole == Domain.Referrals.ReferrerRole.Other);
                RuleFor(c => c.ReferrerOrganisation).RequiredText("Enter your organisation", "Organisation", 200);
                RuleFor(c => c.ReferrerEmail).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Enter your work email address").Email("your email address");
                RuleFor(c => c.ReferrerPhone).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Enter your work phone number").UkPhone("your phone number");
                RuleFor(c => c.FamilyConsentConfirmed).Equal(true)
                    .WithMessage("Confirm that the family has agreed to this referral");
                RuleFor(c => c.Children).Must(ch => ch.Any(x => !x.IsBlank))
                    .WithMessage("Enter at least one child: this service is for parents");
                RuleFor(c => c.Children).Must(ch => ch.Count(x => !x.IsBlank) <= MaxChildren)
                    .WithMessage($"Enter up to {MaxChildren} children; add any others in the description");
                RuleForEach(c => c.Children).ChildRules(child =>
                {
                    child.RuleFor(x => x.FirstName).RequiredText("Enter the child's first name", "Child's first name", 100).When(x => !x.IsBlank);
                    child.RuleFor(x => x.Age).Must(a => int.TryParse(a, out var n) && n is >= 0 and <= 25)
                        .When(x => !x.IsBlank).WithMessage("Enter the child's age in years, from 0 to 25");
                });
            });
        }

    }

    private sealed class PersonValidator : AbstractValidator<PersonInput>
    {
        public PersonValidator(string whose, Func<DateOnly> today)
        {
            RuleFor(p => p.FirstName).RequiredText($"Enter {whose} first name", "First name", 100);
            RuleFor(p => p.LastName).RequiredText($"Enter {whose} last name", "Last name", 100);
            RuleFor(p => p.Email).Email("the email address");
            RuleFor(p => p.Phone).UkPhone("the phone number");
            RuleFor(p => p.SafeContactTimes).OptionalText("Safe times to contact", 500);
            RuleFor(p => p.Employer).OptionalText("Employer", 200);
            RuleFor(p => p.JobRole).OptionalText("Job role", 200);
            RuleFor(p => p.EthnicCategory).Must(EthnicCategory.IsValid).WithMessage("Select an ethnic group from the list");
            RuleFor(p => p.GenderIdentity).Must(GenderIdentity.IsValid).WithMessage("Select a gender from the list");
            RuleFor(p => p.DateOfBirth).DateOfBirth(today);
        }
    }

    internal sealed class Handler(AppDbContext db, ProgrammeDirectory programmes, AuditLog audit, Outbox outbox, IOutboxSignal signal, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            // No look-up first: the unique index on SubmissionId refuses a repeat, and the catch below answers it with
            // the stored referral. One query less for every referral; repeats (refresh, double click) are rare.
            // The validator has checked both exist and accept this route.
            var programme = (await programmes.FindAsync(request.ProgrammeCode, cancellationToken))!;
            var hub = programme.Hub(request.HubCode);
            var now = clock.GetUtcNow().UtcDateTime;

            var referral = new Referral
            {
                Reference = ReferenceGenerator.New(),
                SubmissionId = request.SubmissionId,
                ProgrammeId = programme.Id,
                HubId = hub?.Id,
                Route = request.Route == ReferralRoute.SelfReferral && request.ReferredByHub == true ? ReferralRoute.StaffWellbeingHub : request.Route,
                ReceivedAtUtc = now,
                ClientType = request.ClientType!.Value,
                Difficulty = request.Difficulty!.Trim(),
                CounsellingKinds = request.CounsellingKinds.Aggregate(CounsellingKinds.None, (a, k) => a | k),
                Availability = request.Availability.Aggregate(Availability.None, (a, k) => a | k),
                AvailabilityNotes = Clean(request.AvailabilityNotes),
                Format = request.Format!.Value,
                DomesticAbuse = request.DomesticAbuse!.Value,
                SevereMentalIllness = request.SevereMentalIllness!.Value,
                SubstanceMisuse = request.SubstanceMisuse!.Value,
            };
            referral.FlagRiskFromScreening();
            referral.People.Add(ToPerson(request.Primary, PersonRole.Primary, request.ConsentToService || request.IsProfessional, request.ConsentToEvaluation));
            if (request.IsCouple)
            {
                // The partner's own consent to evaluation is asked at their assessment, never assumed.
                referral.People.Add(ToPerson(request.Partner, PersonRole.Partner, consentToService: true, consentToEvaluation: false));
            }
            if (request.IsProfessional)
            {
                referral.ReferrerName = Clean(request.ReferrerName);
                referral.ReferrerRole = request.ReferrerRole;
                referral.ReferrerRoleOther = request.ReferrerRole == ReferrerRole.Other ? Clean(request.ReferrerRoleOther) : null;
                referral.ReferrerOrganisation = Clean(request.ReferrerOrganisation);
                referral.ReferrerEmail = Clean(request.ReferrerEmail);
                referral.ReferrerPhone = InputRules.NormaliseUkPhone(request.ReferrerPhone);
                referral.FamilyConsentConfirmed = request.FamilyConsentConfirmed;
                referral.ReferrerMayBeUpdated = request.ReferrerMayBeUpdated;
                foreach (var child in request.Children.Where(c => !c.IsBlank))
                {
                    referral.Children.Add(new ReferralChild
                    {
                        FirstName = child.FirstName!.Trim(),
                        AgeYears = int.Parse(child.Age!, System.Globalization.CultureInfo.InvariantCulture),
                        LivesWithReferredParents = child.LivesWithParents,
                    });
                }
            }

            db.Referrals.Add(referral);
            foreach (var mail in ReferralEmails.Acknowledgements(referral, programme, hub))
            {
                outbox.Enqueue(mail.Kind, mail.To, mail.Subject, mail.Body);
            }
            audit.Record(AuditActions.ReferralCreated, "Referral", referral.Reference,
                referral.RiskFlag ? $"route={referral.Route}; risk-flagged" : $"route={referral.Route}");

            try
            {
                // One SaveChanges: referral, outbox messages and audit entry commit together or not at all.
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same submission was stored before (or a concurrent duplicate won the race): answer with its reference.
                db.ChangeTracker.Clear();
                if (await FindExisting(request.SubmissionId, cancellationToken) is { } raced) return raced;
                throw;
            }
            signal.Notify();
            return new Result(referral.Reference, referral.RiskFlag, AlreadySubmitted: false,
                ReferralEmails.AcknowledgesSubmitter(referral.Route, referral.DomesticAbuse, referral.Primary.Email, referral.ReferrerEmail));
        }

        private async Task<Result?> FindExisting(Guid submissionId, CancellationToken ct) =>
            (await db.Referrals.AsNoTracking().Where(r => r.SubmissionId == submissionId)
                .Select(r => new
                {
                    r.Reference, r.RiskFlag, r.Route, r.DomesticAbuse, r.ReferrerEmail,
                    PrimaryEmail = r.People.Where(p => p.Role == PersonRole.Primary).Select(p => p.Email).FirstOrDefault(),
                })
                .SingleOrDefaultAsync(ct)) is { } r
                ? new Result(r.Reference, r.RiskFlag, true, ReferralEmails.AcknowledgesSubmitter(r.Route, r.DomesticAbuse, r.PrimaryEmail, r.ReferrerEmail))
                : null;

        private static ReferralPerson ToPerson(PersonInput p, PersonRole role, bool consentToService, bool consentToEvaluation) => new()
        {
            Role = role,
            FirstName = p.FirstName!.Trim(),
            LastName = p.LastName!.Trim(),
            DateOfBirth = p.DateOfBirth.ToDate(),
            Email = Clean(p.Email),
            Phone = InputRules.NormaliseUkPhone(p.Phone),
            PreferredContact = p.PreferredContact ?? PreferredContact.Phone,
            SafeContactTimes = Clean(p.SafeContactTimes),
            MayLeaveMessages = p.MayLeaveMessages ?? false,
            Employer = Clean(p.Employer),
            JobRole = Clean(p.JobRole),
            EthnicCategory = string.IsNullOrEmpty(p.EthnicCategory) ? null : p.EthnicCategory,
            GenderIdentity = string.IsNullOrEmpty(p.GenderIdentity) ? null : p.GenderIdentity,
            ConsentToService = consentToService,
            ConsentToEvaluation = consentToEvaluation,
        };

        private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }
}
