using NodaTime;
using Workflow.Definitions.Appointments.Identity;
using Workflow.Definitions.Messages;

namespace Workflow.Definitions.Tests.Appointments;

/// <summary>
/// GB 11643-1999 check characters. The valid numbers are the standard's own example (11010519491231002X) and numbers whose
/// check character was worked out by hand (ISO 7064 MOD 11-2, weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, "10X98765432").
/// </summary>
public class IdCardNumberTests
{
    private static readonly LocalDate Today = new(2026, 12, 1);

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("11010519491231002x")]
    [InlineData("310115197802281516")]
    [InlineData("110101199003074477")]
    [InlineData(" 320102198506152132 ")]
    [InlineData("440306199211030048")]
    public void Valid_numbers_pass_and_are_normalised(string number)
    {
        var (normal, error) = IdCardNumber.Normalize(number, Today);

        error.Should().BeNull();
        normal.Should().Be(number.Trim().ToUpperInvariant());
    }

    [Theory]
    [InlineData("51340119900101001X", RuleCodes.AppointmentIdNumberChecksum)] // the check character is 9
    [InlineData("110101200001011234", RuleCodes.AppointmentIdNumberChecksum)] // the check character is 2
    [InlineData("110105194912310021", RuleCodes.AppointmentIdNumberChecksum)] // the standard's example with its X changed
    [InlineData("110101199002301236", RuleCodes.AppointmentIdNumberBirthDate)] // 30 February, though the checksum is right
    [InlineData("110101209912311237", RuleCodes.AppointmentIdNumberBirthDate)] // born in 2099
    [InlineData("110101189912311231", RuleCodes.AppointmentIdNumberBirthDate)] // born before 1900
    [InlineData("1101051949123100", RuleCodes.AppointmentIdNumberFormat)]
    [InlineData("11010519491231002Y", RuleCodes.AppointmentIdNumberFormat)]
    [InlineData("X10105194912310021", RuleCodes.AppointmentIdNumberFormat)]
    [InlineData("", RuleCodes.AppointmentIdNumberRequired)]
    [InlineData(null, RuleCodes.AppointmentIdNumberRequired)]
    public void Invalid_numbers_name_the_rule_they_break(string? number, string code)
    {
        IdCardNumber.Normalize(number, Today).Should().Be(((string?)null, code));
    }

    [Fact]
    public void The_number_carries_the_birth_date_and_is_shown_masked()
    {
        IdCardNumber.BirthDate("11010519491231002X").Should().Be(new LocalDate(1949, 12, 31));
        IdCardNumber.Mask("11010519491231002X").Should().Be("110*************2X");
        PersonMasks.Name("张三").Should().Be("张*");
        PersonMasks.Name("欧阳娜娜").Should().Be("欧***");
        PersonMasks.Mobile("13812345678").Should().Be("138****5678");
        PersonMasks.IsMobile("13812345678").Should().BeTrue();
        PersonMasks.IsMobile("12812345678").Should().BeFalse();
        PersonMasks.IsMobile("1381234567").Should().BeFalse();
    }
}
