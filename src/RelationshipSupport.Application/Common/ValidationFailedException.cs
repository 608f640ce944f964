namespace RelationshipSupport.Application.Common;

/// <summary>Thrown by the validation behaviour; pages turn it into ModelState errors keyed by property path.</summary>
public sealed class ValidationFailedException : Exception
{
    public ValidationFailedException(IReadOnlyList<(string Property, string Message)> errors)
        : base("The request is not valid: " + string.Join("; ", errors.Select(e => e.Property)))
    {
        Errors = errors;
    }

    public ValidationFailedException(string property, string message) : this([(property, message)]) { }

    public IReadOnlyList<(string Property, string Message)> Errors { get; }
}

/// <summary>The record does not exist or the current user may not see it (both answer 404).</summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException(string entity, object id) : base($"{entity} {id} was not found or is not visible to the current user.") { }
}

/// <summary>Someone else changed the record since the user loaded it.</summary>
public sealed class ConcurrencyConflictException : Exception
{
    public ConcurrencyConflictException()
        : base("Someone else changed this record while you were working on it. Your changes were not saved: reload the page to see the latest version, then try again.") { }
}
