<?php
// SabreDAV 1.8 (Debian's php-sabre-dav) as a CalDAV server for the tests: SQLite through
// PDO, one user with Basic auth, run by `php -S 127.0.0.1:PORT sabredav_server.php` with
// SABRE_DATA (a folder holding db.sqlite), SABRE_USER and SABRE_PASSWORD_FILE set.
// Started and stopped by scripts/test-servers.sh.
require_once 'Sabre/autoload.php';

// SabreDAV 1.8 predates PHP 8.2: its dynamic properties are deprecations, not errors. They
// go to the log, never into a response body.
error_reporting(E_ALL & ~E_DEPRECATED);
ini_set('display_errors', '0');
ini_set('log_errors', '1');

class OneUserAuth extends \Sabre\DAV\Auth\Backend\AbstractBasic {
    protected function validateUserPass($username, $password) {
        $expected = trim(file_get_contents(getenv('SABRE_PASSWORD_FILE')));
        return $username === getenv('SABRE_USER') && hash_equals($expected, $password);
    }
}

$pdo = new \PDO('sqlite:' . getenv('SABRE_DATA') . '/db.sqlite');
$pdo->setAttribute(\PDO::ATTR_ERRMODE, \PDO::ERRMODE_EXCEPTION);
$principals = new \Sabre\DAVACL\PrincipalBackend\PDO($pdo);
$calendars = new \Sabre\CalDAV\Backend\PDO($pdo);
$server = new \Sabre\DAV\Server([
    new \Sabre\CalDAV\Principal\Collection($principals),
    new \Sabre\CalDAV\CalendarRootNode($principals, $calendars),
]);
$server->setBaseUri('/');
$server->addPlugin(new \Sabre\DAV\Auth\Plugin(new OneUserAuth(), 'SabreDAV'));
$server->addPlugin(new \Sabre\DAVACL\Plugin());
$server->addPlugin(new \Sabre\CalDAV\Plugin());
$server->exec();
