using MediatR;
using RelationshipSupport.Application.Programmes;
using RelationshipSupport.Application.Referrals;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Web.Pages.Refer;

/// <summary><c>/refer/professional</c>: a social worker, Early Support, CAMHS, school or GP refers parents, with the family's consent.</summary>
public sealed class ProfessionalModel(IMediator mediator, ProgrammeDirectory directory) : ReferralFormPage(mediator, directory)
{
    protected override ReferralRoute Route => ReferralRoute.Professional;

    protected override void PrepareNewForm() => EnsureChildRows();

    public void EnsureChildRows()
    {
        while (Input.Children.Count < SubmitReferral.MaxChildren) Input.Children.Add(new SubmitReferral.ChildInput());
    }
}
