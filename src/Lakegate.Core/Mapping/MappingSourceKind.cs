namespace Lakegate.Core.Mapping;

public enum MappingSourceKind
{
    /// <summary><c>'literal'</c></summary>
    Static,

    /// <summary><c>method.request.{path|querystring|header|multivalue...}.NAME</c></summary>
    MethodRequest,

    /// <summary><c>method.request.body</c> or <c>method.request.body.JSONPATH</c></summary>
    MethodRequestBody,

    /// <summary><c>stageVariables.NAME</c></summary>
    StageVariable,

    /// <summary><c>context.NAME</c> (a <c>$context</c> variable)</summary>
    Context,
}
