namespace RelationshipSupport.Tests.Support;

/// <summary>Valid answers for the two public forms, as a browser would post them; tests change what they test.</summary>
public static class ReferralFormData
{
    public static Dictionary<string, string?> SelfReferral(string firstName = "Alexandra", string email = "alex.client@example.com") => new()
    {
        ["Input.ClientType"] = "Couple",
        ["Input.Primary.FirstName"] = firstName,
        ["Input.Primary.LastName"] = "Testperson",
        ["Input.Primary.DateOfBirth.Day"] = "14",
        ["Input.Primary.DateOfBirth.Month"] = "2",
        ["Input.Primary.DateOfBirth.Year"] = "1986",
        ["Input.Primary.Email"] = email,
        ["Input.Primary.Phone"] = "07700 900982",
        ["Input.Primary.PreferredContact"] = "Email",
        ["Input.Primary.SafeContactTimes"] = "Weekdays after 7pm",
        ["Input.Primary.MayLeaveMessages"] = "true",
        ["Input.Primary.Employer"] = "Barts Health NHS Trust",
        ["Input.Primary.JobRole"] = "Staff nurse",
        ["Input.Primary.EthnicCategory"] = "A",
        ["Input.Primary.GenderIdentity"] = "2",
        ["Input.HubCode"] = "nel-hub",
        ["Input.ReferredByHub"] = "false",
        ["Input.Partner.FirstName"] = "Jordan",
        ["Input.Partner.LastName"] = "Testperson",
        ["Input.PartnerAgrees"] = "true|false",
        ["Input.Difficulty"] = "We argue about shifts and childcare and have stopped talking.",
        ["Input.CounsellingKinds"] = "Relationship",
        ["Input.Availability"] = "WeekdayEvenings|Weekends",
        ["Input.Format"] = "Online",
        ["Input.DomesticAbuse"] = "No",
        ["Input.SevereMentalIllness"] = "No",
        ["Input.SubstanceMisuse"] = "No",
        ["Input.ConsentToService"] = "true|false",
        ["Input.ConsentToEvaluation"] = "true|false",
    };

    public static Dictionary<string, string?> ProfessionalReferral() => new()
    {
        ["Input.ReferrerName"] = "Sam Socialworker",
        ["Input.ReferrerRole"] = "SocialWorker",
        ["Input.ReferrerOrganisation"] = "Borough Children's Services",
        ["Input.ReferrerEmail"] = "sam.sw@borough.example",
        ["Input.ReferrerPhone"] = "020 7946 0011",
        ["Input.HubCode"] = "la-childrens-social-care",
        ["Input.ClientType"] = "Couple",
        ["Input.Primary.FirstName"] = "Parent",
        ["Input.Primary.LastName"] = "One",
        ["Input.Primary.Phone"] = "07700 900123",
        ["Input.Primary.PreferredContact"] = "Phone",
        ["Input.Primary.MayLeaveMessages"] = "false",
        ["Input.Partner.FirstName"] = "Parent",
        ["Input.Partner.LastName"] = "Two",
        ["Input.Children[0].FirstName"] = "Kid",
        ["Input.Children[0].Age"] = "7",
        ["Input.Children[0].LivesWithParents"] = "true|false",
        ["Input.Difficulty"] = "Frequent arguments in front of the children.",
        ["Input.CounsellingKinds"] = "CoParenting",
        ["Input.Availability"] = "WeekdayEvenings",
        ["Input.Format"] = "InPerson",
        ["Input.DomesticAbuse"] = "No",
        ["Input.SevereMentalIllness"] = "No",
        ["Input.SubstanceMisuse"] = "No",
        ["Input.FamilyConsentConfirmed"] = "true|false",
        ["Input.ReferrerMayBeUpdated"] = "true|false",
    };
}
