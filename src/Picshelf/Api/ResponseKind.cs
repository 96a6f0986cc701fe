namespace Picshelf.Api;

public enum ResponseKind { Json, Xml, Jsonp }
