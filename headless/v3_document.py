"""The one adapter between Wagtail's v3 OpenAPI document and what this project serves.

django-ninja builds the document from the registered operations and offers no hook to
amend it, so `OpenAPIDocument.install()` wraps the `api.get_openapi_schema` method of
Wagtail's `api` instance (a public method; no private attribute is touched) and completes
its answer, once per process (building it takes half a second):
- the `AllowAnonymous` security scheme, `{"type": "http"}` without the required `scheme`,
  becomes what OpenAPI means by it: an empty requirement `{}` (anonymous allowed);
- the block schemas of typed StreamField bodies (headless/v3_schemas.py) are components;
- every page union gets a `discriminator` on the top-level `type`;
- `GET /api/v3/pages/` describes our listing (headless/v3.py: its filters and items);
- every operation declares the errors it can answer (400, 401, 403, 404, 422, 503) as
  problem+json, and GETs their 304;
- a nullable choice (an inline enum or object in `anyOf` with `null`: Wagtail's
  `rich_text_format`, `version`, ...) becomes a named component, so that generators name it
  (`RichTextFormat`) instead of numbering it (`PagesDetailRichTextFormatType0`);
- find says it redirects.
tests/test_api_v3_adapter.py fails when Wagtail changes what this relies on.
"""

from . import openapi
from .v3_schemas import COMPONENT_REF, block_schemas

REF = "#/components/schemas/"
PROBLEM = {
    "type": "object",
    "description": "An error (RFC 9457), its title and detail in the request's language.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "parameter": {"type": "string", "description": "The bad query parameter."},
        "errors": {"type": "array", "items": {"type": "object"}},
    },
    "required": ["type", "title", "status"],
}


def _problem(description):
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": REF + "Problem"}}},
    }


ERRORS = {
    "400": _problem("A bad query parameter, named in `parameter`."),
    "401": _problem("Authentication required: a bearer token."),
    "403": _problem("The token's user may not do this."),
    "404": _problem("Not found."),
    "422": _problem("The request body is not valid."),
    "503": {"description": "The service is unavailable for a moment; try again."},
}


class OpenAPIDocument:
    def __init__(self, api, listing_schema):
        self.api = api
        self.listing_schema = listing_schema
        self.built = {}

    def install(self):
        original = self.api.get_openapi_schema

        def get_openapi_schema(*, path_prefix=None, path_params=None):
            key = (path_prefix, tuple(sorted((path_params or {}).items())))
            if key not in self.built:
                document = original(path_prefix=path_prefix, path_params=path_params)
                self.built[key] = self.complete(document)
            return self.built[key]

        self.api.get_openapi_schema = get_openapi_schema

    def complete(self, document):
        components = document.setdefault("components", {})
        schemas = components.setdefault("schemas", {})
        schemas.update(block_schemas.components)
        schemas["Problem"] = PROBLEM
        self.restore_refs(document)
        self.fix_anonymous_security(document)
        self.discriminate_page_unions(document, schemas)
        self.describe_listing(document, schemas)
        self.describe_find(document)
        self.declare_errors(document)
        self.drop_body_defaults(document)
        self.name_nullable_choices(document, schemas)
        return document

    @staticmethod
    def name_nullable_choices(document, schemas):
        """`anyOf: [<inline enum or object>, {type: null}]` -> `anyOf: [{$ref}, {type: null}]`.

        openapi-python-client makes a class of each inline member of a union and numbers it
        (`..._type_0`); a component gets its own name. An enum is named by its title (the
        same choices under one name wherever they appear); an object by the component and
        property it belongs to. A name already taken by a different schema gets the name of
        the place it is used in front (a component's name or an operation's id).
        """

        def camel(text):
            return "".join(word[:1].upper() + word[1:] for word in text.replace("_", " ").split())

        def component_for(choice, node, path):
            title = node.get("title") or choice.get("title") or (path[-1] if path else "")
            name = camel(str(title))
            if "enum" not in choice:
                name = camel(place_of(path)) + name  # an object: named by where it is
            schema = {**choice, "title": name}
            if name in schemas and schemas[name] != schema:
                name = camel(place_of(path)) + name
                schema = {**choice, "title": name}
            if name in schemas and schemas[name] != schema:
                raise ValueError(f"Two schemas would be named {name}")
            schemas[name] = schema
            return name

        def place_of(path):
            """The component, else the operation, that a schema at `path` belongs to."""
            if path[:2] == ["components", "schemas"]:
                return path[2]
            if path[:1] == ["paths"] and len(path) > 2:
                return document["paths"][path[1]][path[2]].get("operationId", "")
            return ""

        def is_named_class(member):
            return "$ref" not in member and ("enum" in member or member.get("type") == "object")

        def walk(node, path):
            if isinstance(node, dict):
                members = node.get("anyOf")
                if isinstance(members, list) and len(members) == 2 and {"type": "null"} in members:
                    choice = next(member for member in members if member != {"type": "null"})
                    if is_named_class(choice):
                        name = component_for(choice, node, path)
                        node["anyOf"] = [{"$ref": REF + name}, {"type": "null"}]
                for key, value in list(node.items()):
                    walk(value, [*path, key])
            elif isinstance(node, list):
                for index, value in enumerate(node):
                    walk(value, [*path, index])

        walk(document, [])

    @staticmethod
    def drop_body_defaults(document):
        """A request body schema that is a model with a `default` (Wagtail's unpublish, copy
        and create-alias actions) makes generators skip the endpoint; the default is what
        the server assumes anyway, so it stays in the description only."""
        for item in document.get("paths", {}).values():
            for operation in item.values():
                content = operation.get("requestBody", {}).get("content", {})
                for media in content.values():
                    schema = media.get("schema", {})
                    if "default" in schema and ("allOf" in schema or "$ref" in schema):
                        default = schema.pop("default")
                        schema["description"] = f"Default: `{default}`."

    @staticmethod
    def restore_refs(node):
        if isinstance(node, dict):
            if COMPONENT_REF in node:
                node["$ref"] = node.pop(COMPONENT_REF)
            for value in node.values():
                OpenAPIDocument.restore_refs(value)
        elif isinstance(node, list):
            for value in node:
                OpenAPIDocument.restore_refs(value)

    @staticmethod
    def fix_anonymous_security(document):
        schemes = document.get("components", {}).get("securitySchemes", {})
        schemes.pop("AllowAnonymous", None)
        for item in document.get("paths", {}).values():
            for operation in item.values():
                security = operation.get("security")
                if security is None:
                    continue
                fixed = []
                for requirement in security:
                    requirement = {k: v for k, v in requirement.items() if k != "AllowAnonymous"}
                    if requirement not in fixed:
                        fixed.append(requirement)
                operation["security"] = fixed

    @staticmethod
    def discriminate_page_unions(document, schemas):
        """Every `oneOf` of schemas with a constant top-level `type` gets a discriminator."""

        def label_of(member):
            target = member.get("$ref", "")
            if not target.startswith(REF):
                return None
            schema = schemas.get(target[len(REF) :], {})
            return schema.get("properties", {}).get("type", {}).get("const")

        def walk(node):
            if isinstance(node, dict):
                members = node.get("oneOf")
                if isinstance(members, list) and members and "discriminator" not in node:
                    labels = [label_of(member) for member in members]
                    if all(labels):
                        node["discriminator"] = {
                            "propertyName": "type",
                            "mapping": {
                                label: member["$ref"]
                                for label, member in zip(labels, members, strict=True)
                            },
                        }
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(document)

    def describe_listing(self, document, schemas):
        operation = document.get("paths", {}).get("/api/v3/pages/", {}).get("get")
        if operation is None:
            return
        listing = self.listing_schema.model_json_schema(ref_template=REF + "{model}")
        schemas.update(listing.pop("$defs", {}))
        schemas[self.listing_schema.__name__] = listing
        parameters = [
            parameter
            for parameter in openapi.COMMON_LISTING_PARAMETERS
            if parameter["name"] != "fields"
        ]
        parameters += openapi.PAGE_LISTING_PARAMETERS + openapi.field_filter_parameters()
        operation["parameters"] = parameters
        operation["description"] = (
            "Pages, filtered as in v2: by type, language, tree position, translation, any "
            "database field of the type (`slug`, `show_in_menus`, `date`, ...) and the "
            "type's own filters (`topic` for articles); ordered by `order` (e.g. `-date`). "
            "Each page comes with `meta.alternates` and `meta.html_path`; fetch its detail "
            "for the content."
        )
        operation["responses"] = {
            "200": {
                "description": "A page of results.",
                "content": {
                    "application/json": {"schema": {"$ref": REF + self.listing_schema.__name__}}
                },
            }
        }

    @staticmethod
    def describe_find(document):
        find = document.get("paths", {}).get("/api/v3/pages/find/", {}).get("get")
        if find is None:
            return
        find["description"] = (
            "Find a page by its public path in any language, e.g. `/ka/siakhleebi/` (raw "
            "or percent-encoded), or by id. Redirects (302, relative) to the page's detail, "
            "keeping the other query parameters."
        )
        find["responses"] = {"302": {"description": "The page's detail URL (`Location`)."}}

    @staticmethod
    def declare_errors(document):
        for item in document.get("paths", {}).values():
            for method, operation in item.items():
                responses = operation.setdefault("responses", {})
                wanted = ["400", "404", "503"]
                security = operation.get("security")
                if security is not None and {} not in security:
                    wanted += ["401", "403"]
                if "requestBody" in operation:
                    wanted.append("422")
                for status in wanted:
                    responses.setdefault(status, ERRORS[status])
                if method == "get":
                    responses.setdefault("304", openapi.NOT_MODIFIED)
