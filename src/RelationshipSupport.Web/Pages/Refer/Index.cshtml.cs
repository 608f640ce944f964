using MediatR;
using RelationshipSupport.Application.Programmes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Web.Pages.Refer;

/// <summary><c>/refer</c>: a member of NHS or social care staff refers themselves, alone or with a partner.</summary>
public sealed class IndexModel(IMediator mediator, ProgrammeDirectory directory) : ReferralFormPage(mediator, directory)
{
    protected override ReferralRoute Route => ReferralRoute.SelfReferral;
}
