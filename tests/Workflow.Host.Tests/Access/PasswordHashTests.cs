using Workflow.Host.Web.Access;

namespace Workflow.Host.Tests.Access;

public sealed class PasswordHashTests
{
    [Fact]
    public void A_hash_matches_its_password_only()
    {
        var hash = PasswordHash.Create("demo", iterations: 1000);
        hash.Matches("demo").Should().BeTrue();
        hash.Matches("Demo").Should().BeFalse();
        hash.Matches("").Should().BeFalse();
    }

    [Fact]
    public void The_text_form_round_trips_and_two_hashes_of_one_password_differ_by_salt()
    {
        var a = PasswordHash.Create("demo", iterations: 1000);
        var b = PasswordHash.Create("demo", iterations: 1000);
        a.ToString().Should().StartWith("pbkdf2-sha256$1000$").And.NotBe(b.ToString());
        PasswordHash.Parse(a.ToString()).Matches("demo").Should().BeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("md5$1$abc$def")]
    [InlineData("pbkdf2-sha256$zero$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$0$AAAA$AAAA")]
    public void Text_in_another_format_is_refused(string text)
    {
        var parse = () => PasswordHash.Parse(text);
        parse.Should().Throw<FormatException>();
    }

    [Fact]
    public void Demo_users_are_one_per_role_plus_a_reviewer_per_department()
    {
        var users = DemoUsers.Create(Workflow.Definitions.Catalogue.MatterCatalogue.Sample.Departments.Select(d => new Workflow.Host.Web.Departments.Department(d.Code, d.Name)));
        users.Select(u => u.UserName).Should().BeEquivalentTo(
            ["agent1", "agent2", "frontdesk", "supervisor", "designer", "admin",
             "reviewer-fgw", "reviewer-zrzy", "reviewer-zjj", "reviewer-sthj", "reviewer-yjgl",
             "reviewer-rf", "reviewer-sw", "reviewer-jt", "reviewer-qx", "reviewer-scjg"]);
        users.Where(u => u.Role == UserRole.Reviewer).Should().OnlyContain(u => u.UserName == "reviewer-" + u.DepartmentCode);
        users.Where(u => u.Role != UserRole.Reviewer).Should().OnlyContain(u => u.DepartmentCode == null);
    }
}
