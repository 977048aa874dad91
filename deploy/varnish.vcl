vcl 4.1;

# Varnish in front of `make serve` (README "Deploying").
#
#   varnishd -f deploy/varnish.vcl -a :80 -p vcc_allow_inline_c=off \
#            -p feature=+http2  # optional
#
# The backend is the app (gunicorn); change .host/.port, or let the test rewrite them.
# Varnish caches only what the app marks shareable (Cache-Control with s-maxage: public pages,
# feeds, sitemap); the admin, previews and anything for a session pass straight through. The
# app purges after every content change (serving/purge.py, through Wagtail's frontend_cache
# HTTPBackend with FRONTEND_CACHE_PURGE_URL=http://<this varnish>/): any PURGE bans the whole
# cache, because one publish can change many pages (menus, footer, listings, hreflang links).

backend app {
    .host = "127.0.0.1";
    .port = "8000";
}

# Who may purge: the app servers. Add their addresses.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        ban("obj.http.x-url ~ .");
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Personal: the admin, previews, document downloads, the language redirect at "/", anyone
    # with a session or credentials.
    if (req.url ~ "^/(admin|documents)/" || req.url ~ "^/api/v2/preview/" || req.url == "/") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Other cookies (CSRF token, language choice) do not change a public answer.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # Kept for the ban above (lurker-friendly: tests obj.*, not req.*).
    set beresp.http.x-url = bereq.url;
    # Only what the app says a shared cache may keep; never an answer that sets a cookie.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "s-maxage") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-url;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
