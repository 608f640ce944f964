using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;

namespace RelationshipSupport.Application.Common;

/// <summary>A date typed as three boxes (day, month, year), as the NHS date input pattern asks.</summary>
public sealed class DateInput
{
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

    public DateOnly? ToDate()
    {
        if (!int.TryParse(Day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || !int.TryParse(Month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(Year, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
        {
            return null;
        }
        if (y < 1000 || y > 9999 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return null;
        return new DateOnly(y, m, d);
    }

    public static DateInput From(DateOnly? date) => date is { } d
        ? new DateInput { Day = d.Day.ToString(CultureInfo.InvariantCulture), Month = d.Month.ToString(CultureInfo.InvariantCulture), Year = d.Year.ToString(CultureInfo.InvariantCulture) }
        : new DateInput();
}

/// <summary>Shared rules for the kinds of field that every form has.</summary>
public static partial class InputRules
{
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();

    public static bool IsEmail(string? value) =>
        value is not null && value.Length <= 254 && EmailShape().IsMatch(value.Trim()) && !value.Contains("..", StringComparison.Ordinal);

    /// <summary>Normalises a UK phone number to digits starting with 0, or returns null when it is not one.</summary>
    public static string? NormaliseUkPhone(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var trimmed = value.Trim();
        if (trimmed.Any(c => !(char.IsDigit(c) || c is ' ' or '-' or '(' or ')' or '+'))) return null;
        var digits = new string(trimmed.Where(char.IsDigit).ToArray());
        if (trimmed.StartsWith('+'))
        {
            if (!digits.StartsWith("44", StringComparison.Ordinal)) return null;
            // "+44 (0)20 …" is a common way of writing it: the bracketed 0 is not dialled.
            var national = digits[2..];
            digits = "0" + (national.StartsWith('0') ? national[1..] : national);
        }
        else if (digits.StartsWith("44", StringComparison.Ordinal) && digits.Length == 12)
        {
            digits = "0" + digits[2..];
        }
        if (digits.StartsWith("00", StringComparison.Ordinal)) return null;
        // UK numbers: 0 then 10 digits (or 9 for a few old area codes); valid ranges start 01, 02, 03, 05, 07, 08.
        if (digits.Length is < 10 or > 11 || digits[0] != '0' || "123578".IndexOf(digits[1], StringComparison.Ordinal) < 0) return null;
        return digits;
    }

    public static IRuleBuilderOptions<T, string?> OptionalText<T>(this IRuleBuilder<T, string?> rule, string label, int max) =>
        rule.Must(v => v is null || v.Trim().Length <= max).WithMessage($"{label} must be {max} characters or fewer");

    public static IRuleBuilderOptions<T, string?> RequiredText<T>(this IRuleBuilderInitial<T, string?> rule, string missingMessage, string label, int max) =>
        rule.RequiredText(_ => missingMessage, label, max);

    public static IRuleBuilderOptions<T, string?> RequiredText<T>(this IRuleBuilderInitial<T, string?> rule, Func<T, string> missingMessage, string label, int max) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage(missingMessage)
            .Must(v => v!.Trim().Length <= max).WithMessage($"{label} must be {max} characters or fewer");

    public static IRuleBuilderOptions<T, string?> UkPhone<T>(this IRuleBuilder<T, string?> rule, string label) =>
        rule.Must(v => string.IsNullOrWhiteSpace(v) || NormaliseUkPhone(v) is not null)
            .WithMessage($"Enter {label} in the correct format, like 07700 900 982 or 020 7946 0000");

    public static IRuleBuilderOptions<T, string?> Email<T>(this IRuleBuilder<T, string?> rule, string label) =>
        rule.Must(v => string.IsNullOrWhiteSpace(v) || IsEmail(v))
            .WithMessage($"Enter {label} in the correct format, like name@example.com");

    /// <summary>Optional date of birth: when any part is typed it must be a real date, in the past, for an adult.</summary>
    public static IRuleBuilderOptions<T, DateInput> DateOfBirth<T>(this IRuleBuilderInitial<T, DateInput> rule, Func<DateOnly> today) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(d => d.IsEmpty || d.ToDate() is not null).WithMessage("Date of birth must be a real date, like 27 3 1985")
            .Must(d => d.IsEmpty || d.ToDate() < today()).WithMessage("Date of birth must be in the past")
            .Must(d => d.IsEmpty || d.ToDate() > today().AddYears(-110)).WithMessage(_ => $"Date of birth must be after {today().AddYears(-110).Year}")
            .Must(d => d.IsEmpty || d.ToDate() <= today().AddYears(-16)).WithMessage("This service is for adults: the person referred must be 16 or over");
}
