namespace Workflow.Definitions.Tests.Appointments;

/// <summary>
/// Valid ID-card numbers for tests, made here independently of the code under test: 17 digits (Beijing Dongcheng 110101,
/// born 1990-01-01, a sequence) and the GB 11643 check character computed by this helper's own MOD 11-2.
/// </summary>
internal static class TestPeople
{
    public static string IdNumber(int sequence, string birth = "19900101")
    {
        var body = $"110101{birth}{sequence % 1000:D3}";
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = body.Select((c, i) => (c - '0') * weights[i]).Sum();
        return body + "10X98765432"[sum % 11];
    }
}
