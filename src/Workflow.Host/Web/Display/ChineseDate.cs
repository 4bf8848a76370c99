using System.Globalization;
using System.Text;
using NodaTime;

namespace Workflow.Host.Web.Display;

/// <summary>Dates as official documents write them (docs/pages.md, *Printable documents*).</summary>
public static class ChineseDate
{
    private const string Digits = "〇一二三四五六七八九";

    /// <summary>e.g. <c>2026年11月30日</c>, for the body of a document.</summary>
    public static string Numeric(LocalDate date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");

    /// <summary>e.g. <c>二〇二六年十一月三十日</c>, the date above a seal (落款日期).</summary>
    public static string Capital(LocalDate date)
    {
        var year = new StringBuilder();
        foreach (var digit in date.Year.ToString(CultureInfo.InvariantCulture)) year.Append(Digits[digit - '0']);
        return $"{year}年{Number(date.Month)}月{Number(date.Day)}日";
    }

    /// <summary>The instant's date in <paramref name="zone"/> as <see cref="Numeric(LocalDate)"/>, or a dash for none.</summary>
    public static string Numeric(Instant? instant, DateTimeZone zone) => instant is { } i ? Numeric(i.InZone(zone).Date) : "–";

    // 1–31 as Chinese numerals: 十, 十一 … 十九, 二十, 二十一 … 三十一.
    private static string Number(int n) => n switch
    {
        < 10 => Digits[n].ToString(),
        10 => "十",
        < 20 => "十" + Digits[n % 10],
        _ => Digits[n / 10] + "十" + (n % 10 == 0 ? "" : Digits[n % 10].ToString()),
    };
}
