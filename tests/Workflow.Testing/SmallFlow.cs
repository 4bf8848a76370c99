using System.Text.Json.Nodes;

namespace Workflow.Testing;

/// <summary>
/// A small permit workflow in Elsa 3 JSON, as a designer would draw it from scratch: intake → parallel review of some
/// matters → issue the approval (or the refusal). Options leave the intake out or add a department review, so that
/// binding rules can be tried on workflows that break them.
/// </summary>
public static class SmallFlow
{
    /// <param name="definitionId">The definition id (and the name, unless <paramref name="name"/> is given).</param>
    /// <param name="matters">The matters of the parallel review.</param>
    /// <param name="withIntake">False leaves the intake out (the start goes straight to the review).</param>
    /// <param name="reviewDepartment">When given, a department review by this department follows the parallel review.</param>
    /// <param name="name">The workflow's display name.</param>
    public static string Json(string definitionId, string[] matters, bool withIntake = true, string? reviewDepartment = null, string? name = null)
    {
        var activities = new JsonArray();
        var connections = new JsonArray();
        var x = 0;
        JsonObject Add(string id, string type, string label, params (string Input, string TypeName, string ExpressionType, string Value)[] inputs)
        {
            var activity = new JsonObject
            {
                ["id"] = id, ["nodeId"] = $"Workflow1:root:{id}", ["name"] = label, ["type"] = type, ["version"] = 1,
                ["customProperties"] = new JsonObject(),
                ["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = x += 240, ["y"] = 200 } } },
            };
            foreach (var (input, typeName, expressionType, value) in inputs)
                activity[input] = new JsonObject { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = expressionType, ["value"] = value } };
            activities.Add(activity);
            return activity;
        }
        void Connect(string from, string port, string to) => connections.Add(new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = from, ["port"] = port },
            ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" },
            ["vertices"] = new JsonArray(),
        });

        Add("start", "Elsa.Start", "Start1");
        Add("end", "Elsa.End", "办结");
        var review = "review";
        if (withIntake)
        {
            Add("intake", "Permits.Intake", "一窗受理", ("allowWaiver", "Boolean", "Literal", "False"));
            Connect("start", "Done", "intake");
            Connect("intake", "Accepted", review);
            Connect("intake", "Refused", "end");
            Connect("intake", "SupplementRequired", "intake");
        }
        else Connect("start", "Done", review);
        Add(review, "Permits.ParallelReview", "并联审批",
            ("matters", "String[]", "Object", new JsonArray(matters.Select(m => (JsonNode)m).ToArray()).ToJsonString()),
            ("joinMode", "String", "Literal", "All"));
        var afterReview = review;
        if (reviewDepartment is not null)
        {
            Add("department", "Permits.DepartmentReview", "部门审查", ("department", "String", "Literal", reviewDepartment), ("matter", "String", "Literal", matters[0]));
            Connect(review, "Approved", "department");
            afterReview = "department";
        }
        Add("issue", "Permits.IssueResult", "出件", ("decision", "String", "Literal", "Approved"), ("certificateType", "String", "Literal", "许可证"));
        Add("refuse", "Permits.IssueResult", "不予许可", ("decision", "String", "Literal", "Rejected"), ("certificateType", "String", "Literal", "不予许可决定书"));
        Connect(afterReview, "Approved", "issue");
        Connect(afterReview, "ApprovedWithConditions", "issue");
        if (afterReview != review) Connect(review, "ApprovedWithConditions", "department");
        if (afterReview != review) Connect(afterReview, "SupplementRequested", "refuse");
        Connect(review, "Rejected", "refuse");
        if (afterReview != review) Connect(afterReview, "Rejected", "refuse");
        Connect("issue", "Done", "end");
        Connect("refuse", "Done", "end");

        return new JsonObject
        {
            ["id"] = definitionId + "-v1", ["definitionId"] = definitionId, ["name"] = name ?? definitionId, ["version"] = 1,
            ["isLatest"] = true, ["isPublished"] = false, ["toolVersion"] = "3.8.0",
            ["root"] = new JsonObject
            {
                ["id"] = "root", ["nodeId"] = "Workflow1:root", ["name"] = "Flowchart1", ["type"] = "Elsa.Flowchart", ["version"] = 1,
                ["activities"] = activities, ["connections"] = connections,
            },
        }.ToJsonString();
    }

    /// <summary>
    /// A designer's flow that issues and may revoke later: intake → parallel review of <paramref name="matter"/> → issue the
    /// approval → a re-check by zjj → on Rejected (or SupplementRequested) the approval is revoked (docs/public.md).
    /// </summary>
    public static string IssueThenRevoke(string definitionId, string matter)
    {
        var json = JsonNode.Parse(Json(definitionId, [matter]))!;
        var root = json["root"]!;
        var activities = root["activities"]!.AsArray();
        var connections = root["connections"]!.AsArray();
        JsonObject Input(string typeName, string value) => new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };
        activities.Add(new JsonObject
        {
            ["id"] = "recheck", ["nodeId"] = "Workflow1:root:recheck", ["name"] = "复核", ["type"] = "Permits.DepartmentReview", ["version"] = 1,
            ["customProperties"] = new JsonObject(), ["metadata"] = new JsonObject(),
            ["department"] = Input("String", "zjj"), ["matter"] = Input("String", matter),
        });
        activities.Add(new JsonObject
        {
            ["id"] = "revoke", ["nodeId"] = "Workflow1:root:revoke", ["name"] = "撤销", ["type"] = "Permits.IssueResult", ["version"] = 1,
            ["customProperties"] = new JsonObject(), ["metadata"] = new JsonObject(),
            ["decision"] = Input("String", "Revoked"), ["certificateType"] = Input("String", "撤销决定书"),
        });
        JsonObject Connect(string from, string port, string to) => new()
        {
            ["source"] = new JsonObject { ["activity"] = from, ["port"] = port }, ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" }, ["vertices"] = new JsonArray(),
        };
        var issueToEnd = connections.Single(c => (string?)c!["source"]!["activity"] == "issue");
        connections.Remove(issueToEnd);
        connections.Add(Connect("issue", "Done", "recheck"));
        connections.Add(Connect("recheck", "Approved", "end"));
        connections.Add(Connect("recheck", "ApprovedWithConditions", "end"));
        connections.Add(Connect("recheck", "SupplementRequested", "revoke"));
        connections.Add(Connect("recheck", "Rejected", "revoke"));
        connections.Add(Connect("revoke", "Done", "end"));
        return json.ToJsonString();
    }
}
