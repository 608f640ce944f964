using FluentValidation;
using MediatR;

namespace RelationshipSupport.Application.Common;

/// <summary>Runs every FluentValidation validator of a request before its handler, for every caller.</summary>
public sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = new List<(string, string)>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            failures.AddRange(result.Errors.Select(e => (e.PropertyName, e.ErrorMessage)));
        }
        if (failures.Count > 0)
        {
            throw new ValidationFailedException(failures.Distinct().ToList());
        }
        return await next();
    }
}
