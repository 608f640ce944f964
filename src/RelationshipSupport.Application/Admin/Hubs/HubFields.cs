using FluentValidation;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Domain.Programmes;

namespace RelationshipSupport.Application.Admin.Hubs;

/// <summary>A referral source's details as the form edits them, shared by <see cref="AddHub"/> and <see cref="UpdateHub"/>.</summary>
public class HubFields
{
    public const int MaxNameLength = 200;

    public HubKind? Kind { get; set; }
    public string? Name { get; set; }
    public string? Area { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Website { get; set; }

    /// <summary>Fills a form from values read earlier (the page's own copy).</summary>
    public void CopyFrom(HubFields other)
    {
        Kind = other.Kind;
        Name = other.Name;
        Area = other.Area;
        Email = other.Email;
        Phone = other.Phone;
        Website = other.Website;
    }

    public void CopyFrom(Hub h)
    {
        Kind = h.Kind;
        Name = h.Name;
        Area = h.Area;
        Email = h.Email;
        Phone = h.Phone;
        Website = h.Website;
    }

    internal void ApplyTo(Hub h)
    {
        h.Kind = Kind!.Value;
        h.Name = AdminChanges.Text(Name);
        h.Area = AdminChanges.Text(Area);
        h.Email = AdminChanges.Text(Email);
        h.Phone = AdminChanges.Text(Phone);
        h.Website = AdminChanges.Clean(Website);
    }

    public sealed class Rules : AbstractValidator<HubFields>
    {
        public Rules()
        {
            RuleFor(h => h.Kind).NotNull().WithMessage("Select what kind of referral source this is")
                .IsInEnum().WithMessage("Select what kind of referral source this is");
            RuleFor(h => h.Name).RequiredText("Enter the referral source's name", "Name", MaxNameLength);
            RuleFor(h => h.Area).RequiredText("Enter the area it covers", "Area", MaxNameLength);
            RuleFor(h => h.Email).Cascade(CascadeMode.Stop)
                .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Enter the referral source's email address")
                .Email("the email address");
            RuleFor(h => h.Phone).Cascade(CascadeMode.Stop)
                .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Enter the referral source's phone number")
                .UkPhone("the phone number");
            RuleFor(h => h.Website).Website();
        }
    }
}
