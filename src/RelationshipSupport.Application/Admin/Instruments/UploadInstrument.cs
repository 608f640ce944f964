using System.Globalization;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Outcomes;

namespace RelationshipSupport.Application.Admin.Instruments;

/// <summary>
/// An administrator adds a questionnaire definition from a JSON file (docs/instrument-definitions.md). A new code is
/// stored as version 1; a code that exists gets its next version, and earlier versions are never changed (answers
/// keep the version they were given under). A file identical to the latest version (line endings aside) stores
/// nothing, so a form sent twice adds one version. Every problem with the file is reported, not only the first.
/// </summary>
public static class UploadInstrument
{
    public const int MaxBytes = 256 * 1024;

    /// <summary>Every refusal is reported under this property: the page shows them all against the file field.</summary>
    public const string FileProperty = "File";

    public sealed class Command : IRequest<Result>
    {
        public string? FileName { get; set; }
        /// <summary>The file's size in bytes, as received.</summary>
        public long Length { get; set; }
        /// <summary>The file's text; the page leaves it empty for a file over <see cref="MaxBytes"/>.</summary>
        public string? Content { get; set; }
    }

    /// <param name="Stored">False when the file was the same as the latest version, which is then the one named.</param>
    /// <param name="IsRetired">The questionnaire is retired: the new version is not offered until it is reinstated.</param>
    public sealed record Result(string Code, int Version, bool Stored, bool IsRetired);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c).Cascade(CascadeMode.Stop)
                .Must(c => !string.IsNullOrWhiteSpace(c.FileName)).WithMessage("Choose a definition file to upload")
                .Must(c => c.FileName!.EndsWith(".json", StringComparison.OrdinalIgnoreCase)).WithMessage("The definition file must be a .json file")
                .Must(c => c.Length <= MaxBytes).WithMessage($"The definition file must be {MaxBytes / 1024} KB or smaller")
                .Must(c => !string.IsNullOrWhiteSpace(c.Content)).WithMessage("The definition file is empty")
                .OverridePropertyName(FileProperty);
        }
    }

    internal sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            AdminChanges.EnsureAdministrator(user);
            var json = request.Content!;
            var definition = Read(json);

            var latest = await LatestAsync(definition.Code, cancellationToken);
            if (latest is not null && latest.Code != definition.Code)
            {
                // Codes differ only in case: one questionnaire, not two that people would confuse.
                throw new ValidationFailedException(FileProperty,
                    $"code: {latest.Code} already exists. Write the code exactly as {latest.Code} to add a version of it, or choose another code.");
            }
            if (latest is not null && SameText(latest.DefinitionJson, json))
            {
                return new Result(latest.Code, latest.Version, Stored: false, latest.IsRetired);
            }

            var version = (latest?.Version ?? 0) + 1;
            var instrument = Instrument.From(definition, json, version, builtIn: false,
                createdBy: string.IsNullOrEmpty(user.UserName) ? "Unknown user" : user.UserName, clock.GetUtcNow().UtcDateTime);
            // A retired questionnaire stays retired: a new version does not quietly start it being given again.
            instrument.IsRetired = latest?.IsRetired ?? false;
            db.Instruments.Add(instrument);
            audit.Record(AuditActions.InstrumentAdded, "Instrument", instrument.Code,
                $"version={version.ToString(CultureInfo.InvariantCulture)}");
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another upload of this code took the version number first (the code and version are unique).
                db.ChangeTracker.Clear();
                var now = await LatestAsync(definition.Code, cancellationToken);
                if (now is not null && SameText(now.DefinitionJson, json))
                {
                    return new Result(now.Code, now.Version, Stored: false, now.IsRetired);
                }
                throw new ConcurrencyConflictException();
            }
            return new Result(instrument.Code, version, Stored: true, instrument.IsRetired);
        }

        /// <summary>Parses and checks the file; every problem becomes a message for the page.</summary>
        private static InstrumentDefinition Read(string json)
        {
            InstrumentDefinition definition;
            try
            {
                definition = InstrumentDefinition.Parse(json);
            }
            catch (DomainException ex)
            {
                throw new ValidationFailedException(FileProperty, ex.Message);
            }
            var problems = InstrumentDefinitionRules.Problems(definition);
            if (problems.Count > 0)
            {
                throw new ValidationFailedException(problems.Select(p => (FileProperty, p)).ToList());
            }
            return definition;
        }

        /// <summary>The latest version of the code, matched without regard to case (codes are few: compared here, as every database does it alike).</summary>
        private async Task<Instrument?> LatestAsync(string code, CancellationToken ct)
        {
            var codes = await db.Instruments.Select(i => i.Code).Distinct().ToListAsync(ct);
            var existing = codes.FirstOrDefault(c => string.Equals(c, code, StringComparison.Ordinal))
                ?? codes.FirstOrDefault(c => string.Equals(c, code, StringComparison.OrdinalIgnoreCase));
            return existing is null
                ? null
                : await db.Instruments.AsNoTracking().Where(i => i.Code == existing).OrderByDescending(i => i.Version).FirstAsync(ct);
        }

        private static bool SameText(string stored, string uploaded) => Normalise(stored) == Normalise(uploaded);

        private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
    }
}
