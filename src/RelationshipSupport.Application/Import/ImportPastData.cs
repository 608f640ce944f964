using FluentValidation;
using MediatR;
using RelationshipSupport.Application.Admin;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;

namespace RelationshipSupport.Application.Import;

/// <summary>
/// An administrator checks (<see cref="Command.DryRun"/>) or imports a file of past data into a programme
/// (docs/import-format.md). Problems with the file's rows come back in the outcome, every one with its line; problems
/// with the form (no programme, no file, not .csv, too big) are validation errors.
/// </summary>
public static class ImportPastData
{
    /// <summary>The largest file the upload page takes (the command line has no limit).</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    public sealed class Command : IRequest<ImportOutcome>
    {
        public string? ProgrammeCode { get; set; }
        public string? FileName { get; set; }
        public long Length { get; set; }
        /// <summary>The file's bytes; the page leaves it null for a file over <see cref="MaxBytes"/>.</summary>
        public byte[]? Content { get; set; }
        public bool DryRun { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ProgrammeCode).NotEmpty().WithMessage("Choose the programme the records belong to");
            RuleFor(c => c).Cascade(CascadeMode.Stop)
                .Must(c => !string.IsNullOrWhiteSpace(c.FileName)).WithMessage("Choose a CSV file to check")
                .Must(c => c.FileName!.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)).WithMessage("The file must be a .csv file")
                .Must(c => c.Length <= MaxBytes).WithMessage($"The file must be {MaxBytes / 1024 / 1024} MB or smaller: split it into several files, or use the command line")
                .Must(c => c.Content is { Length: > 0 }).WithMessage("The file is empty")
                .OverridePropertyName("File");
        }
    }

    internal sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, ImportOutcome>
    {
        public Task<ImportOutcome> Handle(Command request, CancellationToken cancellationToken)
        {
            AdminChanges.EnsureAdministrator(user);
            var actor = new ImportActor(user.UserId, string.IsNullOrEmpty(user.UserName) ? "Unknown user" : user.UserName, user.IpAddress, user.CorrelationId);
            return new PastDataImporter(db, clock).RunAsync(request.ProgrammeCode!, request.FileName!, request.Content!, actor, request.DryRun, cancellationToken);
        }
    }
}
