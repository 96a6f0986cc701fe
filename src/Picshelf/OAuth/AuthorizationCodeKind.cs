namespace Picshelf.OAuth;

public enum AuthorizationCodeKind
{
    Code,
    Pin,
}
