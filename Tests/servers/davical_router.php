<?php
// PHP's built-in server in front of DAViCal does what Debian's Apache configuration for it
// does: /.well-known/caldav (RFC 6764) is sent to the CalDAV root. Everything else is
// served as without a router.
if (preg_match('#^/\.well-known/caldav(/|$)#', parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH))) {
    header('Location: /caldav.php/', true, 301);
    return true;
}
return false;
