namespace Lakegate.Core.Iam;

public enum IamEffect
{
    Allow,
    Deny,
}
