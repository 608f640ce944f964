using RelationshipSupport.Application.Admin.Users;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Web.TagHelpers;

namespace RelationshipSupport.Web.Pages.Admin.Users;

/// <summary>The option lists and wording of the user administration pages.</summary>
public static class UserDisplay
{
    public const string SuccessKey = "admin-users.success";

    public static readonly IReadOnlyList<Choice> RoleChoices =
    [
        new(Roles.Administrator, "Administrator", "Manages staff accounts, programmes and settings."),
        new(Roles.Coordinator, "Coordinator", "Works the triage queue of the programmes and hubs they are assigned to."),
        new(Roles.Therapist, "Therapist", "Sees the clients allocated to them."),
        new(Roles.Supervisor, "Supervisor", "Decides screening overrides, priorities and panel cases, across every programme."),
        new(Roles.Manager, "Manager", "Sees reports."),
    ];

    public static readonly IReadOnlyList<Choice> RoleFilter = RoleChoices.Select(c => c with { Hint = null }).ToList();

    public static readonly IReadOnlyList<Choice> StatusFilter =
        [new(nameof(ListUsers.StatusFilter.Active), "Active"), new(nameof(ListUsers.StatusFilter.Deactivated), "Deactivated")];

    /// <summary>The supervisors a therapist may be given; one set earlier who no longer qualifies is marked.</summary>
    public static IReadOnlyList<Choice> SupervisorChoices(IEnumerable<GetUser.SupervisorOption> options) =>
        options.Select(o => new Choice(o.Id, o.IsAvailable ? o.Name : $"{o.Name} (no longer an active supervisor)")).ToList();

    public static string RoleList(IReadOnlyList<string> roles) => roles.Count == 0 ? "None" : string.Join(", ", roles);
}
