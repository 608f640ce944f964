using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Messaging;
using RelationshipSupport.Application.Programmes;

namespace RelationshipSupport.Application;

public static class DependencyInjection
{
    /// <summary>Registers the mediator, every handler and validator of this assembly, and the pipeline behaviours.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        var assembly = typeof(DependencyInjection).Assembly;

        // MediatR 5.1.0: the mediator resolves handlers and behaviours through this factory.
        services.AddScoped<ServiceFactory>(p => p.GetService!);
        services.AddScoped<IMediator, Mediator>();

        var handlerInterfaces = new[] { typeof(IRequestHandler<,>), typeof(INotificationHandler<>) };
        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && handlerInterfaces.Contains(i.GetGenericTypeDefinition())))
            {
                services.AddScoped(contract, type);
            }
        }

        // Order matters: logging wraps validation, so refused requests are logged too.
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));

        // Only validators of requests are resolved by the pipeline; child validators (of nested inputs) are composed by them.
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Scoped,
            filter: r => r.InterfaceType.GetGenericArguments()[0].GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)),
            includeInternalTypes: true);

        services.AddMemoryCache();
        services.AddScoped<ProgrammeDirectory>();
        services.AddScoped<AuditLog>();
        services.AddScoped<Triage.ReferralVisibility>();
        services.AddScoped<Cases.CaseAccess>();
        services.AddScoped<Cases.RiskAlertNotifier>();
        services.AddScoped<Outbox>();
        services.AddScoped<Outcomes.InstrumentCatalogue>();
        services.AddScoped<Outcomes.QuestionnaireCompletion>();
        services.AddScoped<Reporting.ReportFiguresBuilder>();
        services.AddScoped<Reporting.ReportGenerator>();
        services.AddScoped<Reporting.Runs.ReportRunProcessor>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
