using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jint;
using Jint.Native;

namespace Workflow.Engine.Expressions;

/// <summary>
/// Runs Elsa-style JavaScript with Jint 2.10.4 (ECMAScript 5.1): <c>getVariable(name)</c>, <c>setVariable(name, v)</c>,
/// <c>getX()</c>/<c>setX(v)</c> for each declared variable X, and <c>input</c> (the workflow input). A script containing
/// <c>return</c> runs as a function body, otherwise as an expression. Values cross as JSON, so numbers are doubles
/// in the script and JSON numbers outside. Scripts are limited to 2 seconds and 1,000,000 statements.
/// </summary>
public static partial class JavaScriptEvaluator
{
    /// <summary>Evaluates <paramref name="script"/>; throws <see cref="ExpressionException"/> on syntax or runtime errors.</summary>
    public static JsonNode? Evaluate(string script, ExpressionScope scope)
    {
        if (Es51SyntaxCheck.FindModernConstruct(script) is { } construct)
            throw new ExpressionException($"ECMAScript 5.1 only: the script uses {construct}: {script}");
        var engine = new Jint.Engine(o => o.TimeoutInterval(TimeSpan.FromSeconds(2)).MaxStatements(1_000_000).LimitRecursion(256));
        engine.SetValue("__getVariableJson", new Func<string, string?>(name => Find(scope, name)?.ToJsonString()));
        engine.SetValue("__setVariableJson", new Action<string, string?>((name, json) => scope.Variables[Canonical(scope, name)] = json is null ? null : JsonNode.Parse(json)));
        var prelude = new System.Text.StringBuilder();
        prelude.Append("function getVariable(n){var s=__getVariableJson(n);return s===null||s===undefined?null:JSON.parse(s);}");
        prelude.Append("function setVariable(n,v){__setVariableJson(n,v===undefined?null:JSON.stringify(v));}");
        foreach (var v in scope.Declarations.DistinctBy(d => d.Name))
        {
            if (!HasAccessors(v.Name)) continue;
            prelude.Append($"function get{v.Name}(){{return getVariable('{v.Name}');}}function set{v.Name}(x){{setVariable('{v.Name}',x);}}");
        }
        prelude.Append("var input=JSON.parse(").Append(JsonValue.Create(scope.Input.ToJsonString())!.ToJsonString()).Append(");");
        try
        {
            engine.Execute(prelude.ToString());
            var body = Es51SyntaxCheck.IsFunctionBody(script) ? "(function(){\n" + script + "\n})()" : script;
            engine.Execute(body);
            var result = engine.GetCompletionValue();
            engine.SetValue("__r", result);
            engine.Execute("__r===undefined?undefined:JSON.stringify(__r)");
            var json = engine.GetCompletionValue();
            return json.IsUndefined() || json.IsNull() ? null : JsonNode.Parse(json.AsString());
        }
        catch (Jint.Parser.ParserException e)
        {
            throw new ExpressionException($"The script does not parse as ECMAScript 5.1 (line {e.LineNumber}, column {e.Column}): {e.Description}. Script: {script}", e);
        }
        catch (Jint.Runtime.JavaScriptException e)
        {
            throw new ExpressionException($"The script failed: {e.Message}. Script: {script}", e);
        }
        catch (Exception e) when (e is not ExpressionException)
        {
            throw new ExpressionException($"The script failed: {e.Message}. Script: {script}", e);
        }
    }

    /// <summary>Null when <paramref name="script"/> parses as ECMAScript 5.1 (as an expression or, with <c>return</c>, a function body); else what is wrong.</summary>
    public static string? CheckSyntax(string script)
    {
        if (Es51SyntaxCheck.FindModernConstruct(script) is { } construct)
            return $"ECMAScript 5.1 only: the script uses {construct}.";
        try
        {
            var body = Es51SyntaxCheck.IsFunctionBody(script) ? "(function(){\n" + script + "\n})()" : script;
            new Jint.Parser.JavaScriptParser().Parse(body);
            return null;
        }
        catch (Jint.Parser.ParserException e)
        {
            return $"The script does not parse as ECMAScript 5.1 (line {e.LineNumber}, column {e.Column}): {e.Description}.";
        }
        catch (Exception e)
        {
            return $"The script does not parse as ECMAScript 5.1: {e.Message}.";
        }
    }

    private static JsonNode? Find(ExpressionScope scope, string name) =>
        scope.Variables.TryGetPropertyValue(Canonical(scope, name), out var value) ? value : null;

    private static string Canonical(ExpressionScope scope, string name)
    {
        if (scope.Variables.ContainsKey(name)) return name;
        var declared = scope.Declarations.FirstOrDefault(d => d.Id == name || string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
        return declared?.Name ?? name;
    }

    /// <summary>Whether a variable of this name gets the generated <c>getX()</c>/<c>setX(v)</c> accessors (an ASCII JavaScript identifier).</summary>
    public static bool HasAccessors(string variableName) => IdentifierPattern().IsMatch(variableName);

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$]*$")]
    private static partial Regex IdentifierPattern();
}
