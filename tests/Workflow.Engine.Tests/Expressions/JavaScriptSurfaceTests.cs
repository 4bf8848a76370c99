using System.Text.Json.Nodes;
using Workflow.Engine.Expressions;
using Workflow.Engine.Expressions.JavaScript;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Expressions;

/// <summary>
/// Elsa's JavaScript surface, one behaviour per test. Unless a test says otherwise the expectation comes from
/// Elsa.Expressions.JavaScript/Handlers/ConfigureEngineWithCommonFunctions.cs (elsa-workflows/elsa-core).
/// </summary>
public class JavaScriptSurfaceTests
{
    private const string DefinitionJson = """
        {
          "id": "orders-v3", "definitionId": "orders", "version": 3, "name": "Orders",
          "inputs": [ { "name": "orderTotal", "type": "Double" }, { "name": "Customer", "type": "String" }, { "name": "not valid", "type": "String" } ],
          "variables": [
            { "id": "v1", "name": "approved", "typeName": "Boolean", "value": "False" },
            { "id": "v2", "name": "Count", "typeName": "Int32", "value": "1" },
            { "id": "v3", "name": "审批意见", "typeName": "String", "value": "同意" },
            { "id": "v4", "name": "my_var", "typeName": "String", "value": "x" }
          ],
          "root": { "id": "root", "type": "Elsa.Flowchart", "activities": [
            { "id": "a1", "type": "Elsa.WriteLine", "name": "WriteGreeting" },
            { "id": "a2", "type": "Elsa.WriteLine" } ], "connections": [] }
        }
        """;

    private static (ExpressionScope Scope, WorkflowInstance Instance) Scope(JsonObject? input = null)
    {
        var instance = new WorkflowInstance
        {
            Id = "inst-1", DefinitionId = "orders", DefinitionVersion = 3, DefinitionVersionId = "orders-v3",
            CorrelationId = "corr-1", Name = "Order 42",
            Input = input ?? new JsonObject { ["orderTotal"] = 99.5, ["Customer"] = "Wang" },
        };
        return (RunningScope.Create(DefinitionJson, instance), instance);
    }

    private static JsonNode? Run(string script, ExpressionScope scope) => JavaScriptEvaluator.Evaluate(script, scope);

    private static string? Text(string script, ExpressionScope scope) => ValueConverter.Convert<string>(Run(script, scope));

    [Fact]
    public void getVariable_and_setVariable_read_and_write_by_name()
    {
        var (scope, instance) = Scope();
        Text("getVariable('审批意见')", scope).Should().Be("同意");
        Run("setVariable('Count', getVariable('Count') + 41)", scope);
        instance.Variables["Count"]!.GetValue<long>().Should().Be(42);
    }

    [Fact]
    public void setVariable_of_an_undeclared_name_creates_the_variable()
    {
        // Elsa.Workflows.Core/Extensions/ExpressionExecutionContextExtensions.cs: SetVariable creates a missing variable.
        var (scope, instance) = Scope();
        Run("setVariable('fresh', { a: [1, 2] })", scope);
        instance.Variables["fresh"]!.ToJsonString().Should().Be("""{"a":[1,2]}""");
    }

    [Fact]
    public void Variable_accessors_are_get_and_set_plus_the_name_with_its_first_letter_capitalised()
    {
        // Handlers/ConfigureEngineWithVariablesAndInputOutputAccessors.cs: $"get{variableName.Pascalize()}".
        var (scope, instance) = Scope();
        Text("setApproved(true); return getApproved();", scope).Should().Be("True");
        instance.Variables["approved"]!.GetValue<bool>().Should().BeTrue();
        Text("setCount(getCount() * 10); getCount()", scope).Should().Be("10");
        Text("get审批意见()", scope).Should().Be("同意");
    }

    [Fact]
    public void Names_that_are_not_letters_and_digits_get_no_accessor()
    {
        // Helpers/VariableNameValidator.cs: every character a letter or digit.
        var (scope, _) = Scope();
        Text("typeof getMy_var", scope).Should().Be("undefined");
        Text("getVariable('my_var')", scope).Should().Be("x");
    }

    [Fact]
    public void Input_accessors_use_both_the_declared_name_and_the_capitalised_one()
    {
        // Runtime: $"get{inputDefinition.Name}" (ConfigureEngineWithVariablesAndInputOutputAccessors.cs);
        // IntelliSense: $"get{input.Name.Pascalize()}" (Providers/InputFunctionsDefinitionProvider.cs).
        var (scope, _) = Scope();
        Text("getOrderTotal()", scope).Should().Be("99.5");
        Text("getorderTotal()", scope).Should().Be("99.5");
        Text("getCustomer()", scope).Should().Be("Wang");
    }

    [Fact]
    public void getInput_reads_the_workflow_input_by_name_ignoring_case()
    {
        // Elsa.Workflows.Core/Extensions/ExpressionExecutionContextExtensions.cs GetInput: workflowExecutionContext.Input.
        var (scope, _) = Scope(new JsonObject { ["Customer"] = "Li", ["lines"] = new JsonArray(1, 2) });
        Text("getInput('Customer')", scope).Should().Be("Li");
        Text("getInput('customer')", scope).Should().Be("Li");
        Text("getInput('lines').length", scope).Should().Be("2");
        Text("getInput('missing') === null", scope).Should().Be("True");
    }

    [Fact]
    public void The_input_object_holds_the_whole_workflow_input()
    {
        // Ours: Elsa 3's JavaScript has no `input` global (docs/definition-format.md, "JavaScript surface").
        var (scope, _) = Scope();
        Text("input.Customer + ':' + input.orderTotal", scope).Should().Be("Wang:99.5");
    }

    [Fact]
    public void The_variables_object_reads_and_writes_the_variables_a_script_names()
    {
        // Handlers/ConfigureEngineWithVariables.cs: copied in for each `variables.X` in the script, copied back after.
        var (scope, instance) = Scope();
        Text("variables.Count = variables.Count + 4; variables.Count", scope).Should().Be("5");
        instance.Variables["Count"]!.GetValue<long>().Should().Be(5);
        Text("Object.keys(variables).join(',')", scope).Should().Be("");
    }

    [Fact]
    public void setX_keeps_the_variables_object_in_step()
    {
        // Extensions/EngineExtensions.cs SyncVariablesContainer.
        var (scope, instance) = Scope();
        Text("setCount(7); variables.Count", scope).Should().Be("7");
        instance.Variables["Count"]!.GetValue<long>().Should().Be(7);
    }

    [Fact]
    public void Setting_a_variables_property_to_null_leaves_the_variable_as_it_was()
    {
        // ConfigureEngineWithVariables.CopyVariablesIntoWorkflowExecutionContext: `variableValue ?? GetVariableInScope(name)`.
        var (scope, instance) = Scope();
        Run("variables.Count = null", scope);
        instance.Variables["Count"]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public void Workflow_identity_functions_read_the_running_instance()
    {
        var (scope, _) = Scope();
        Text("getWorkflowInstanceId()", scope).Should().Be("inst-1");
        Text("getWorkflowDefinitionId()", scope).Should().Be("orders");
        Text("getWorkflowDefinitionVersionId()", scope).Should().Be("orders-v3");
        Text("getWorkflowDefinitionVersion()", scope).Should().Be("3");
        Text("getWorkflowInstanceName()", scope).Should().Be("Order 42");
    }

    [Fact]
    public void setCorrelationId_and_setWorkflowInstanceName_change_the_instance()
    {
        var (scope, instance) = Scope();
        Text("setCorrelationId('order-42'); getCorrelationId()", scope).Should().Be("order-42");
        Run("setWorkflowInstanceName(`Order ${getInput('Customer')}`)", scope);
        instance.CorrelationId.Should().Be("order-42");
        instance.Name.Should().Be("Order Wang");
    }

    [Fact]
    public void getOutputFrom_reads_a_recorded_output_by_activity_id_or_name_and_Result_by_default()
    {
        // Elsa.Workflows.Core/Extensions/ExpressionExecutionContextExtensions.cs GetOutput;
        // Models/ActivityOutputRegister.cs (DefaultOutputName "Result").
        var (scope, _) = Scope();
        scope.Outputs.Record("a1", null, JsonValue.Create("hello"));
        scope.Outputs.Record("a1", "Extra", new JsonObject { ["n"] = 1 });
        Text("getOutputFrom('a1')", scope).Should().Be("hello");
        Text("getOutputFrom('WriteGreeting', 'Extra').n", scope).Should().Be("1");
        Text("getOutputFrom('a2') === null", scope).Should().Be("True");
        Text("getResultFromWriteGreeting()", scope).Should().Be("hello");
    }

    [Fact]
    public void getOutputFrom_an_activity_the_workflow_does_not_have_is_an_error()
    {
        var (scope, _) = Scope();
        var act = () => Run("getOutputFrom('ghost')", scope);
        act.Should().Throw<ExpressionException>().WithMessage("*Activity not found*ghost*");
    }

    [Fact]
    public void getLastResult_reads_the_last_recorded_result()
    {
        // Elsa.Workflows.Core/Contexts/WorkflowExecutionContext.cs GetLastActivityResult.
        var (scope, _) = Scope();
        Text("getLastResult() === null", scope).Should().Be("True");
        scope.Outputs.Record("a2", null, JsonValue.Create(12));
        Text("getLastResult() + 1", scope).Should().Be("13");
    }

    [Theory]
    [InlineData("isNullOrWhiteSpace(null)", "True")]
    [InlineData("isNullOrWhiteSpace(undefined)", "True")]
    [InlineData("isNullOrWhiteSpace('  ')", "True")]
    [InlineData("isNullOrWhiteSpace(' a ')", "False")]
    [InlineData("isNullOrEmpty('')", "True")]
    [InlineData("isNullOrEmpty(' ')", "False")]
    [InlineData("isNullOrEmpty(null)", "True")]
    public void isNullOrWhiteSpace_and_isNullOrEmpty_are_the_dotnet_string_tests(string script, string expected) =>
        Text(script, Scope().Scope).Should().Be(expected);

    [Theory]
    [InlineData("toJson({ a: 1, b: [true, null], c: '审批' })", """{"a":1,"b":[true,null],"c":"审批"}""")]
    [InlineData("toJson('x')", "\"x\"")]
    [InlineData("toJson(2.5)", "2.5")]
    [InlineData("toJson(null)", "null")]
    public void toJson_serialises_without_escaping_unicode(string script, string expected) =>
        Text(script, Scope().Scope).Should().Be(expected);

    [Fact]
    public void parseGuid_accepts_any_dotnet_format_and_gives_the_canonical_text()
    {
        Text("parseGuid('{D2F1A1B0-0C3E-4F5A-9B8C-7D6E5F4A3B2C}')", Scope().Scope).Should().Be("d2f1a1b0-0c3e-4f5a-9b8c-7d6e5f4a3b2c");
        var act = () => Run("parseGuid('not a guid')", Scope().Scope);
        act.Should().Throw<ExpressionException>();
    }

    [Fact]
    public void newGuid_and_newGuidString_give_distinct_guids()
    {
        var scope = Scope().Scope;
        var a = Text("newGuid()", scope);
        var b = Text("newGuidString()", scope);
        Guid.TryParse(a, out _).Should().BeTrue();
        Guid.TryParse(b, out _).Should().BeTrue();
        a.Should().NotBe(b);
        Guid.TryParse(Text("getGuidString()", scope), out _).Should().BeTrue();
    }

    [Fact]
    public void newShortGuid_is_a_guid_in_base64_without_slash_plus_or_equals()
    {
        // As Elsa's: the 22 characters of a GUID in Base64 with '/' and '+' dropped (not replaced), so a draw may be
        // shorter; the old bound of 20 failed about one run in twenty.
        foreach (var script in new[] { "newShortGuid()", "getShortGuid()" })
        {
            for (var draw = 0; draw < 200; draw++)
            {
                var text = Text(script, Scope().Scope)!;
                text.Should().MatchRegex("^[A-Za-z0-9]{1,22}$");
            }
        }
    }

    [Theory]
    [InlineData("bytesToString(bytesFromString('审批 ok'))", "审批 ok")]
    [InlineData("bytesToBase64(bytesFromString('hi'))", "aGk=")]
    [InlineData("bytesToString(bytesFromBase64('aGk='))", "hi")]
    [InlineData("stringToBase64('审批')", "5a6h5om5")]
    [InlineData("stringFromBase64('5a6h5om5')", "审批")]
    [InlineData("bytesToString(new Uint8Array([104, 105]))", "hi")]
    [InlineData("bytesFromString('abc').byteLength", "3")]
    public void Byte_functions_use_UTF8_and_ArrayBuffers(string script, string expected) =>
        Text(script, Scope().Scope).Should().Be(expected);

    [Fact]
    public void Bytes_stored_in_a_variable_become_base64_as_Elsa_serialises_a_byte_array()
    {
        var (scope, instance) = Scope();
        Run("setVariable('raw', bytesFromString('hi'))", scope);
        instance.Variables["raw"]!.GetValue<string>().Should().Be("aGk=");
    }

    [Fact]
    public void Outside_a_run_the_identity_functions_return_null()
    {
        var scope = ExpressionScope.Empty();
        Text("getWorkflowInstanceId() === null && getCorrelationId() === null", scope).Should().Be("True");
    }

    [Fact]
    public void Every_common_function_Elsa_registers_that_we_support_exists_in_the_engine()
    {
        // The list in ConfigureEngineWithCommonFunctions.cs, less streamToBytes/streamToBase64 (no Stream values here).
        string[] elsa =
        [
            "getWorkflowDefinitionId", "getWorkflowDefinitionVersionId", "getWorkflowDefinitionVersion", "getWorkflowInstanceId",
            "setCorrelationId", "getCorrelationId", "setWorkflowInstanceName", "getWorkflowInstanceName", "setVariable", "getVariable",
            "getInput", "getOutputFrom", "getLastResult", "isNullOrWhiteSpace", "isNullOrEmpty", "toJson", "parseGuid", "newGuid",
            "newGuidString", "newShortGuid", "bytesToString", "bytesFromString", "bytesToBase64", "bytesFromBase64", "stringToBase64",
            "stringFromBase64", "getGuidString", "getShortGuid",
        ];
        var scope = Scope().Scope;
        foreach (var name in elsa)
            Text($"typeof {name}", scope).Should().Be("function", name);
        CommonFunctions.All.Select(f => f.Name).Should().BeEquivalentTo(elsa);
    }
}
