namespace Workflow.Definitions.Appointments.Identity;

/// <summary>
/// What of a person is shown and stored for display (docs/appointments.md, *What is stored*): the first character of the name
/// and the first 3 and last 4 digits of the mobile number. Matching never uses these, only <see cref="IdentityHasher"/>.
/// </summary>
public static class PersonMasks
{
    /// <summary>张三 → 张*, 欧阳娜娜 → 欧***; an empty name stays empty.</summary>
    public static string Name(string name)
    {
        var text = name.Trim();
        if (text.Length == 0) return "";
        var first = char.IsHighSurrogate(text[0]) && text.Length > 1 ? text[..2] : text[..1];
        return first + new string('*', Math.Max(1, new System.Globalization.StringInfo(text).LengthInTextElements - 1));
    }

    /// <summary>13812345678 → 138****5678.</summary>
    public static string Mobile(string mobile) => mobile.Length == 11 ? $"{mobile[..3]}****{mobile[7..]}" : new string('*', mobile.Length);

    /// <summary>True for a mainland mobile number: 11 digits, 1 then 3–9.</summary>
    public static bool IsMobile(string? mobile) =>
        mobile is { Length: 11 } m && m[0] == '1' && m[1] is >= '3' and <= '9' && m.All(char.IsAsciiDigit);
}
