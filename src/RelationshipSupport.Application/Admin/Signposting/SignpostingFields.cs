using FluentValidation;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Domain.Programmes;

namespace RelationshipSupport.Application.Admin.Signposting;

/// <summary>A directory entry as the form edits it, shared by <see cref="AddSignpostingEntry"/> and <see cref="UpdateSignpostingEntry"/>.</summary>
public class SignpostingFields
{
    public const int MaxNameLength = 200;
    public const int MaxWhenToUseLength = 1000;
    public const string NameTaken = "The directory already has an entry with this name";

    public string? Name { get; set; }
    public SignpostingKind? Kind { get; set; }
    public string? Area { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Website { get; set; }
    public string? WhenToUse { get; set; }

    /// <summary>Fills a form from values read earlier (the page's own copy).</summary>
    public void CopyFrom(SignpostingFields other)
    {
        Name = other.Name;
        Kind = other.Kind;
        Area = other.Area;
        Phone = other.Phone;
        Email = other.Email;
        Website = other.Website;
        WhenToUse = other.WhenToUse;
    }

    public void CopyFrom(SignpostingEntry e)
    {
        Name = e.Name;
        Kind = e.Kind;
        Area = e.Area;
        Phone = e.Phone;
        Email = e.Email;
        Website = e.Website;
        WhenToUse = e.WhenToUse;
    }

    internal void ApplyTo(SignpostingEntry e)
    {
        e.Name = AdminChanges.Text(Name);
        e.Kind = Kind!.Value;
        e.Area = AdminChanges.Text(Area);
        e.Phone = AdminChanges.Clean(Phone);
        e.Email = AdminChanges.Clean(Email);
        e.Website = AdminChanges.Clean(Website);
        e.WhenToUse = AdminChanges.Text(WhenToUse);
    }

    public sealed class Rules : AbstractValidator<SignpostingFields>
    {
        public Rules()
        {
            RuleFor(e => e.Name).RequiredText("Enter the service's name", "Name", MaxNameLength);
            RuleFor(e => e.Kind).NotNull().WithMessage("Select what kind of help the service gives")
                .IsInEnum().WithMessage("Select what kind of help the service gives");
            RuleFor(e => e.Area).RequiredText("Enter where the service is available, like National or North East London", "Area", MaxNameLength);
            RuleFor(e => e.Phone).ServicePhone("the phone number");
            RuleFor(e => e.Email).Email("the email address");
            RuleFor(e => e.Website).Website();
            RuleFor(e => e.WhenToUse).RequiredText("Enter when to use the service", "When to use it", MaxWhenToUseLength);
            RuleFor(e => e.Phone)
                .Must((e, _) => !string.IsNullOrWhiteSpace(e.Phone) || !string.IsNullOrWhiteSpace(e.Email) || !string.IsNullOrWhiteSpace(e.Website))
                .WithMessage("Enter at least one way to reach the service: a phone number, an email address or a website");
        }
    }
}
