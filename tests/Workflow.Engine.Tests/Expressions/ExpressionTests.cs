using System.Text.Json.Nodes;
using Workflow.Engine.Expressions;
using Workflow.Engine.Expressions.JavaScript;
using Workflow.Engine.Model;

namespace Workflow.Engine.Tests.Expressions;

public class ExpressionTests
{
    private static readonly ExpressionScope Empty = new(new JsonObject(), [], new JsonObject());

    private static T? Eval<T>(string type, JsonNode? value, ExpressionScope? scope = null) =>
        ValueConverter.Convert<T>(ExpressionEvaluator.Evaluate(new ExpressionInput(null, type, value), scope ?? Empty));

    [Fact]
    public void Literals_convert_as_Elsa_files_write_them()
    {
        Eval<bool>("Literal", JsonValue.Create("True")).Should().BeTrue();
        Eval<bool>("Literal", JsonValue.Create(false)).Should().BeFalse();
        Eval<TimeSpan>("Literal", JsonValue.Create("00:00:05")).Should().Be(TimeSpan.FromSeconds(5));
        Eval<int>("Literal", JsonValue.Create("3")).Should().Be(3);
        Eval<string[]>("Object", JsonValue.Create("[\"One\",\"Two\",\"Three\"]")).Should().Equal("One", "Two", "Three");
    }

    [Fact]
    public void A_literal_that_does_not_fit_names_the_value_and_the_expected_form()
    {
        var act = () => Eval<bool>("Literal", JsonValue.Create("perhaps"));
        act.Should().Throw<ExpressionException>().WithMessage("*boolean*\"perhaps\"*");
    }

    [Fact]
    public void Variable_expressions_read_by_name_or_id()
    {
        var scope = new ExpressionScope(new JsonObject { ["Counter"] = 4 }, [new VariableDefinition("v1", "Counter", "Int32", null)], new JsonObject());
        Eval<int>("Variable", JsonValue.Create("Counter"), scope).Should().Be(4);
        Eval<int>("Variable", new JsonObject { ["id"] = "v1" }, scope).Should().Be(4);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("return false;", false)]
    [InlineData("getCounter() > 1", true)]
    [InlineData("var x = getVariable('Counter'); return x === 2;", true)]
    [InlineData("'a => b'.length == 6", true)]
    public void JavaScript_runs_as_expression_or_function_body(string script, bool expected)
    {
        var scope = new ExpressionScope(new JsonObject { ["Counter"] = 2 }, [new VariableDefinition("c", "Counter", "Int32", null)], new JsonObject());
        Eval<bool>("JavaScript", JsonValue.Create(script), scope).Should().Be(expected);
    }

    [Fact]
    public void Scripts_write_variables_back()
    {
        var variables = new JsonObject { ["Counter"] = 1 };
        var scope = new ExpressionScope(variables, [new VariableDefinition("c", "Counter", "Int32", null)], new JsonObject());
        ExpressionEvaluator.Evaluate(ExpressionInput.JavaScript("Object", "setCounter(getCounter() + 1); setVariable('Other', {a: [1]}); return 0;"), scope);
        // Elsa converts a value set on a variable to its declared type (Variable.ParseValue in
        // Elsa.Workflows.Core/Extensions/VariableExtensions.cs): Int32 holds a whole number.
        variables["Counter"]!.GetValue<long>().Should().Be(2);
        variables["Other"]!.ToJsonString().Should().Be("""{"a":[1]}""");
    }

    // Elsa runs ES2015+ on Jint 4 (Elsa.Expressions.JavaScript/Services/JintJavaScriptEvaluator.cs prepares scripts
    // with AllowReturnOutsideFunction), so these all run.
    [Theory]
    [InlineData("const xs = [1, 2, 3]; return xs.map(x => x * 2).join(',');", "2,4,6")]
    [InlineData("let n = getCounter(); `n=${n}`", "n=2")]
    [InlineData("const { a, b: [c] } = { a: 1, b: [2] }; a + c", "3")]
    [InlineData("class Box { constructor(v) { this.v = v; } get twice() { return this.v * 2; } } new Box(4).twice", "8")]
    [InlineData("const f = (...xs) => xs.length; f(...[1, 2, 3])", "3")]
    [InlineData("let s = 0; for (const x of [1, 2, 3]) s += x; s", "6")]
    [InlineData("'=>' + \"`\"", "=>`")]
    public void ES2015_and_later_scripts_run(string script, string expected)
    {
        var scope = new ExpressionScope(new JsonObject { ["Counter"] = 2 }, [new VariableDefinition("c", "Counter", "Int32", null)], new JsonObject());
        Eval<string>("JavaScript", JsonValue.Create(script), scope).Should().Be(expected);
    }

    [Theory]
    [InlineData("getCounter( >", 1, 13, "`>`")]
    [InlineData("let a = 1;\nlet a = 2;", 2, 5, "`a = 2;`")]
    [InlineData("const x = {\n  a: 1,\n  b: \n}", 4, 1, "`}`")]
    [InlineData("return `unclosed ${1}", 1, 22, "at the end of the script")]
    public void Syntax_errors_name_line_column_and_the_code_there(string script, int line, int column, string construct)
    {
        var problem = JavaScriptEvaluator.CheckSyntax(script);
        problem.Should().StartWith($"The script has a syntax error at line {line}, column {column} (").And.Contain(construct);
    }

    [Fact]
    public void A_JavaScript_boolean_written_as_text_is_True_as_in_Elsa()
    {
        // Elsa converts the script's CLR result with ObjectConverter (Elsa.Expressions/Helpers/ObjectConverter.cs):
        // bool → "True", an object → its JSON.
        Eval<string>("JavaScript", JsonValue.Create("1 < 2")).Should().Be("True");
        Eval<string>("JavaScript", JsonValue.Create("({ name: '审批', n: 1 })")).Should().Be("""{"name":"审批","n":1}""");
        Eval<string>("JavaScript", JsonValue.Create("1.5 * 2")).Should().Be("3");
    }
}
