using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Acornima;
using Acornima.Ast;
using Jint;
using JsEngine = Jint.Engine;
using Jint.Runtime;

namespace Workflow.Engine.Expressions.JavaScript;

/// <summary>
/// Runs Elsa-style JavaScript on Jint 4 (ES2015+: <c>let</c>/<c>const</c>, arrow functions, template literals,
/// destructuring, classes …) with Elsa's surface (<see cref="ScriptGlobals"/>, <see cref="CommonFunctions"/>).
/// As in Elsa (Services/JintJavaScriptEvaluator.cs) a script may <c>return</c> at top level; its value is the
/// returned value or else the completion value of its last statement. Each evaluation gets a fresh engine bounded by
/// the scope's <see cref="ScriptLimits"/>; going over one throws <see cref="ScriptLimitExceededException"/>.
/// </summary>
public static class JavaScriptEvaluator
{
    private const int PreparedCacheSize = 2048;
    private static readonly ConcurrentDictionary<string, Prepared<Script>> PreparedScripts = new(StringComparer.Ordinal);

    /// <summary>Evaluates <paramref name="script"/>; <paramref name="configure"/> may add globals (e.g. an activity's own functions).</summary>
    /// <exception cref="ExpressionException">The script does not parse or throws.</exception>
    /// <exception cref="ScriptLimitExceededException">The script went over one of its limits.</exception>
    public static JsonNode? Evaluate(string script, ExpressionScope scope, Action<JsEngine, ScriptGlobals>? configure = null)
    {
        var prepared = Prepare(script);
        var limits = scope.Limits;
        var engine = new JsEngine(options =>
        {
            options.TimeoutInterval(limits.TimeLimit);
            options.LimitMemory(limits.MemoryLimitBytes);
            options.LimitRecursion(limits.MaxRecursionDepth);
            if (limits.MaxStatements is { } statements) options.MaxStatements(statements);
            // A .NET regex match is not interrupted by the time limit: it has its own, never longer.
            options.Constraints.RegexTimeout = limits.EffectiveRegexTimeout;
        });
        var globals = new ScriptGlobals(engine, scope);
        try
        {
            AllocationGuards.Install(engine, limits);
            globals.Install(script);
            configure?.Invoke(engine, globals);
            var result = engine.Evaluate(prepared);
            globals.CopyVariablesBack();
            return globals.ToJson(result);
        }
        catch (Exception e) when (LimitOf(e, limits) is { } limit)
        {
            throw new ScriptLimitExceededException(limit.Name, $"The script exceeded its {limit.Description} (ScriptLimits.{limit.Name}) and was stopped. Script: {Shorten(script)}", e);
        }
        catch (JavaScriptException e)
        {
            throw new ExpressionException($"The script failed at line {e.Location.Start.Line}, column {e.Location.Start.Column + 1}: {e.Message}. Script: {Shorten(script)}", e);
        }
        catch (Exception e) when (e is not ExpressionException)
        {
            throw new ExpressionException($"The script failed: {e.Message} Script: {Shorten(script)}", e);
        }
    }

    /// <summary>Null when <paramref name="script"/> parses (ES2015+, top-level <c>return</c> allowed); else the problem with its line, column and the construct found there.</summary>
    public static string? CheckSyntax(string script)
    {
        try
        {
            Prepare(script);
            return null;
        }
        catch (ExpressionException e)
        {
            return e.Message;
        }
    }

    private static Prepared<Script> Prepare(string script)
    {
        if (PreparedScripts.TryGetValue(script, out var cached)) return cached;
        Prepared<Script> prepared;
        try
        {
            prepared = JsEngine.PrepareScript(script, options: new ScriptPreparationOptions { ParsingOptions = new ScriptParsingOptions { AllowReturnOutsideFunction = true } });
        }
        catch (Exception e) when (ParseErrorOf(e) is { } parse)
        {
            throw new ExpressionException(SyntaxMessage(script, parse.LineNumber, parse.Column, parse.Description ?? parse.Message), e);
        }
        catch (Exception e) when (e is not ExpressionException)
        {
            throw new ExpressionException($"The script does not parse: {e.Message}", e);
        }
        if (PreparedScripts.Count >= PreparedCacheSize) PreparedScripts.Clear();
        PreparedScripts[script] = prepared;
        return prepared;
    }

    /// <summary>Jint wraps the parser's error ("Could not prepare script"); the parser's own one has the position.</summary>
    private static ParseErrorException? ParseErrorOf(Exception? e) => e switch
    {
        null => null,
        ParseErrorException p => p,
        _ => ParseErrorOf(e.InnerException),
    };

    /// <summary>"Syntax error at line L, column C (near `x =>`): description." — columns count from 1.</summary>
    private static string SyntaxMessage(string script, int line, int column, string description)
    {
        var lines = script.Split('\n');
        var text = line >= 1 && line <= lines.Length ? lines[line - 1].TrimEnd('\r') : "";
        string construct;
        if (column >= text.Length)
            construct = line >= lines.Length ? "at the end of the script" : "at the end of the line";
        else
        {
            var near = text[column..].Trim();
            construct = $"near `{(near.Length > 30 ? near[..30] + "…" : near)}`";
        }
        return $"The script has a syntax error at line {line}, column {column + 1} ({construct}): {description.TrimEnd('.')}.";
    }

    private sealed record Limit(string Name, string Description);

    private static Limit? LimitOf(Exception e, ScriptLimits limits) => e switch
    {
        RegexMatchTimeoutException => new("RegexTimeout", $"regular-expression time limit of {limits.EffectiveRegexTimeout.TotalSeconds:0.###} s"),
        TimeoutException => new("TimeLimit", $"time limit of {limits.TimeLimit.TotalSeconds:0.###} s"),
        MemoryLimitExceededException => new("MemoryLimitBytes", $"memory limit of {limits.MemoryLimitBytes / (1024 * 1024.0):0.#} MB"),
        RecursionDepthOverflowException or InsufficientExecutionStackException => new("MaxRecursionDepth", $"recursion limit of {limits.MaxRecursionDepth} nested calls"),
        StatementsCountOverflowException => new("MaxStatements", $"limit of {limits.MaxStatements} statements"),
        _ when e.InnerException is { } inner => LimitOf(inner, limits),
        _ => null,
    };

    private static string Shorten(string script) => script.Length <= 200 ? script : script[..200] + "…";
}
