using MediatR;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Web.Pages.Refer;

/// <summary><c>/refer</c>: a member of NHS or social care staff refers themselves, alone or with a partner.</summary>
public sealed class IndexModel(IMediator mediator, AppDbContext db) : ReferralFormPage(mediator, db)
{
    protected override ReferralRoute Route => ReferralRoute.SelfReferral;
}
