using NodaTime;
using NodaTime.Text;
using Workflow.Definitions.Messages;

namespace Workflow.Definitions.Appointments.Identity;

/// <summary>
/// The 18-character citizen identity number of GB 11643-1999 (公民身份号码): a 6-digit address code, an 8-digit birth date,
/// a 3-digit sequence and a check character, ISO 7064 MOD 11-2 over the first 17 digits (weights 2^(17−i) mod 11, result
/// 10 written <c>X</c>). Only the checksum and the birth date are checked; the address code is not looked up.
/// </summary>
public static class IdCardNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";
    private static readonly LocalDatePattern BirthPattern = LocalDatePattern.CreateWithInvariantCulture("uuuuMMdd");

    /// <summary>The check character of the first 17 digits of <paramref name="first17"/>.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11];
    }

    /// <summary>
    /// The number in its normal form (trimmed, <c>x</c> upper case), or the rule it breaks: <see cref="RuleCodes.AppointmentIdNumberRequired"/>,
    /// <see cref="RuleCodes.AppointmentIdNumberFormat"/> (not 17 digits and a digit or X), <see cref="RuleCodes.AppointmentIdNumberBirthDate"/>
    /// (no such date, before 1900 or after <paramref name="today"/>), <see cref="RuleCodes.AppointmentIdNumberChecksum"/>.
    /// </summary>
    public static (string? Number, string? Error) Normalize(string? text, LocalDate today)
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, RuleCodes.AppointmentIdNumberRequired);
        var number = text.Trim().ToUpperInvariant();
        if (number.Length != 18 || !number[..17].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(number[17]) || number[17] == 'X'))
            return (null, RuleCodes.AppointmentIdNumberFormat);
        var birth = BirthPattern.Parse(number.Substring(6, 8));
        if (!birth.Success || birth.Value.Year < 1900 || birth.Value > today) return (null, RuleCodes.AppointmentIdNumberBirthDate);
        if (CheckCharacter(number) != number[17]) return (null, RuleCodes.AppointmentIdNumberChecksum);
        return (number, null);
    }

    /// <summary>True when <paramref name="text"/> is a valid number (checksum and birth date) on <paramref name="today"/>.</summary>
    public static bool IsValid(string? text, LocalDate today) => Normalize(text, today).Error is null;

    /// <summary>The birth date the number carries (digits 7–14); call on a valid number only.</summary>
    public static LocalDate BirthDate(string number) => BirthPattern.Parse(number.Substring(6, 8)).Value;

    /// <summary>Shown instead of the number: the first 3 and the last 2 characters (110*************2X).</summary>
    public static string Mask(string number) => number.Length < 6 ? new string('*', number.Length) : string.Concat(number.AsSpan(0, 3), new string('*', number.Length - 5), number.AsSpan(number.Length - 2));
}
