using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Data;

namespace RelationshipSupport.Application.Dashboard;

/// <summary>The dashboard's and the export's filter rules: a known programme (or all) and a period of at most five years.</summary>
internal static class DashboardPeriod
{
    public const int MaxDays = (5 * 366) + 1;

    public static void Rules<T>(AbstractValidator<T> validator, AppDbContext db,
        System.Linq.Expressions.Expression<Func<T, string?>> programme,
        Func<T, DateOnly> from, Func<T, DateOnly> to)
    {
        validator.RuleFor(programme)
            .MustAsync(async (code, ct) => string.IsNullOrEmpty(code) || await db.Programmes.AnyAsync(p => p.Code == code, ct))
            .WithMessage("Choose a programme from the list");
        validator.RuleFor(q => q)
            .Must(q => to(q) >= from(q)).WithMessage("The period must end on or after the day it starts").WithName("To")
            .OverridePropertyName("To");
        validator.RuleFor(q => q)
            .Must(q => to(q) < from(q) || to(q).DayNumber - from(q).DayNumber <= MaxDays)
            .WithMessage("Choose a period of five years or less").OverridePropertyName("From");
    }
}
