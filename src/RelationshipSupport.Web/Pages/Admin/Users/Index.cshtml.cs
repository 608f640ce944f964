using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Admin.Users;
using RelationshipSupport.Application.Common;

namespace RelationshipSupport.Web.Pages.Admin.Users;

/// <summary><c>/admin/users</c>: the staff accounts, 25 a page, filtered by role and by active or deactivated (a GET form).</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public ListUsers.StatusFilter? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public ListUsers.Result? Users { get; private set; }
    public string? Success { get; private set; }

    public bool IsFiltered => !string.IsNullOrEmpty(Role) || Status is not null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Success = TempData[UserDisplay.SuccessKey] as string;
        try
        {
            Users = await mediator.Send(new ListUsers.Query { Role = string.IsNullOrWhiteSpace(Role) ? null : Role, Status = Status, PageNumber = PageNumber }, ct);
        }
        catch (ValidationFailedException ex)
        {
            foreach (var (property, message) in ex.Errors) ModelState.AddModelError(property, message);
        }
    }

    /// <summary>This page's address with the current filters and another page number.</summary>
    public string PageUrl(int pageNumber)
    {
        var query = new QueryBuilder();
        if (!string.IsNullOrEmpty(Role)) query.Add(nameof(Role), Role);
        if (Status is { } status) query.Add(nameof(Status), status.ToString());
        query.Add(nameof(PageNumber), pageNumber.ToString(CultureInfo.InvariantCulture));
        return "/admin/users" + query.ToQueryString();
    }
}
