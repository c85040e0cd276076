//! Drives the real built app in a real window: an Xvfb display, Debian's WebKitWebDriver,
//! and a minimal W3C WebDriver client over HTTP. Every wait has a timeout, and every
//! process is stopped with SIGTERM (SIGKILL would orphan WebKitWebDriver's children).

#![allow(dead_code)]

use std::io::Read;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// The element key the W3C protocol uses for element references.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Where tests save screenshots (ignored by git).
pub fn artifacts_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/artifacts");
    let _ = std::fs::create_dir_all(&dir);
    dir
}

fn terminate(child: &mut Child) {
    let _ = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

fn require(program: &str, package: &str) {
    let found = Command::new("sh").arg("-c").arg(format!("command -v {program}")).output().map(|o| o.status.success());
    assert!(
        found.unwrap_or(false),
        "{program} is missing: install Debian's {package} (the README's set-up command does)"
    );
}

/// A virtual X display of 1280×800.
pub struct Display {
    child: Child,
    pub name: String,
}

impl Display {
    pub fn start() -> Display {
        require("Xvfb", "xvfb");
        let mut child = Command::new("Xvfb")
            .args(["-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start Xvfb");
        // Xvfb writes the display number it chose, then a newline.
        let mut out = child.stdout.take().expect("Xvfb stdout");
        let mut number = String::new();
        let mut byte = [0u8; 1];
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            match out.read(&mut byte) {
                Ok(1) if byte[0] == b'\n' => break,
                Ok(1) => number.push(byte[0] as char),
                _ => break,
            }
        }
        assert!(!number.trim().is_empty(), "Xvfb did not report a display number");
        Display { child, name: format!(":{}", number.trim()) }
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        terminate(&mut self.child);
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

/// WebKitWebDriver, serving on a free loopback port.
pub struct Driver {
    child: Child,
    pub url: String,
    http: reqwest::blocking::Client,
}

impl Driver {
    pub fn start(display: &Display) -> Driver {
        Driver::start_with_env(display, &[])
    }

    /// Starts the driver with extra environment for the apps it launches.
    pub fn start_with_env(display: &Display, env: &[(&str, &str)]) -> Driver {
        require("WebKitWebDriver", "webkit2gtk-driver");
        let port = free_port();
        let log = std::fs::File::create(artifacts_dir().join("webkitwebdriver.log")).expect("driver log");
        let child = Command::new("WebKitWebDriver")
            .arg(format!("--port={port}"))
            .env("DISPLAY", &display.name)
            // Without this the app's webview refuses automation and the driver hangs.
            .env("TAURI_WEBVIEW_AUTOMATION", "true")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start WebKitWebDriver");
        let http = reqwest::blocking::Client::builder().timeout(Duration::from_secs(60)).build().expect("http client");
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if http.get(format!("{url}/status")).send().map(|r| r.status().is_success()).unwrap_or(false) {
                break;
            }
            assert!(Instant::now() < deadline, "WebKitWebDriver did not answer on {url}");
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver { child, url, http }
    }

    /// Starts the app binary with `args` and opens a WebDriver session on its window.
    pub fn launch(&self, binary: &Path, args: &[&str]) -> Session {
        let body = json!({"capabilities": {"alwaysMatch": {"webkitgtk:browserOptions": {
            "binary": binary.to_string_lossy(),
            "args": args,
        }}}});
        let response: Value = self
            .http
            .post(format!("{}/session", self.url))
            .json(&body)
            .send()
            .and_then(|r| r.json())
            .unwrap_or_else(|e| panic!("could not start a session on the app: {e}"));
        let id = response["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session id in {response}"))
            .to_string();
        Session { base: format!("{}/session/{id}", self.url), http: self.http.clone(), closed: false }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        terminate(&mut self.child);
    }
}

/// One running app window under WebDriver control.
pub struct Session {
    base: String,
    http: reqwest::blocking::Client,
    closed: bool,
}

#[derive(Clone, Debug)]
pub struct Element(String);

impl Session {
    fn post(&self, path: &str, body: Value) -> Value {
        let response: Value = self
            .http
            .post(format!("{}{path}", self.base))
            .json(&body)
            .send()
            .and_then(|r| r.json())
            .unwrap_or_else(|e| panic!("POST {path} failed: {e}"));
        response["value"].clone()
    }

    fn get(&self, path: &str) -> Value {
        let response: Value = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .and_then(|r| r.json())
            .unwrap_or_else(|e| panic!("GET {path} failed: {e}"));
        response["value"].clone()
    }

    fn try_find(&self, css: &str) -> Option<Element> {
        let value = self.post("/element", json!({"using": "css selector", "value": css}));
        value.get(ELEMENT).and_then(Value::as_str).map(|id| Element(id.to_string()))
    }

    /// Waits up to `seconds` for an element to appear.
    pub fn wait_for(&self, css: &str, seconds: u64) -> Element {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        loop {
            if let Some(element) = self.try_find(css) {
                return element;
            }
            if Instant::now() > deadline {
                let _ = self.screenshot(&format!("timeout-{}", css.replace(|c: char| !c.is_alphanumeric(), "_")));
                panic!("no element matched {css:?} within {seconds} s");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until the element's text satisfies `test`; returns the text.
    pub fn wait_for_text(&self, css: &str, seconds: u64, test: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        let mut last = String::new();
        loop {
            if let Some(element) = self.try_find(css) {
                last = self.text(&element);
                if test(&last) {
                    return last;
                }
            }
            if Instant::now() > deadline {
                panic!("{css:?} never had the expected text; last seen {last:?}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn text(&self, element: &Element) -> String {
        self.get(&format!("/element/{}/text", element.0)).as_str().unwrap_or_default().to_string()
    }

    pub fn click(&self, element: &Element) {
        self.post(&format!("/element/{}/click", element.0), json!({}));
    }

    pub fn type_into(&self, element: &Element, text: &str) {
        self.post(&format!("/element/{}/value", element.0), json!({"text": text}));
    }

    /// Runs a script in the page and returns its value.
    pub fn execute(&self, script: &str, args: Value) -> Value {
        self.post("/execute/sync", json!({"script": script, "args": args}))
    }

    /// Sets an input's, textarea's or select's value the way a user's typing would, so
    /// the UI's input and change handlers run (date and time inputs cannot be typed into
    /// reliably through WebDriver).
    pub fn set_value(&self, css: &str, value: &str) {
        self.wait_for(css, 10);
        let done = self.execute(
            "const el = document.querySelector(arguments[0]);
             if (!el) return false;
             const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype
                 : el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
             Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, arguments[1]);
             el.dispatchEvent(new Event('input', { bubbles: true }));
             el.dispatchEvent(new Event('change', { bubbles: true }));
             return true;",
            json!([css, value]),
        );
        assert_eq!(done, json!(true), "no element {css:?} to set");
    }

    /// Clicks the first element matching `css`, waiting for it.
    pub fn click_css(&self, css: &str) {
        let element = self.wait_for(css, 15);
        self.click(&element);
    }

    /// The `value` property of the first element matching `css`.
    pub fn value_of(&self, css: &str) -> String {
        self.wait_for(css, 10);
        self.execute("return document.querySelector(arguments[0]).value;", json!([css]))
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// How many elements match `css` right now.
    pub fn count(&self, css: &str) -> usize {
        self.execute("return document.querySelectorAll(arguments[0]).length;", json!([css])).as_u64().unwrap_or(0)
            as usize
    }

    /// Waits until `script` (a JS expression) is truthy.
    pub fn wait_until(&self, what: &str, seconds: u64, script: &str, args: Value) {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        loop {
            let value = self.execute(&format!("return !!({script});"), args.clone());
            if value == json!(true) {
                return;
            }
            if Instant::now() > deadline {
                let _ = self.screenshot(&format!("timeout-{}", what.replace(|c: char| !c.is_alphanumeric(), "_")));
                panic!("timed out waiting for {what}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Resizes the window (the smallest laptop screen the product supports is 1280×720).
    pub fn set_window_size(&self, width: u32, height: u32) {
        self.post("/window/rect", json!({"width": width, "height": height}));
    }

    /// Sends keys to whatever has the focus, as a keyboard-only user would.
    pub fn press_keys(&self, keys: &str) {
        let actions: Vec<Value> = keys
            .chars()
            .flat_map(|c| {
                [json!({"type": "keyDown", "value": c.to_string()}), json!({"type": "keyUp", "value": c.to_string()})]
            })
            .collect();
        self.post("/actions", json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]}));
    }

    /// Presses Ctrl with a key, e.g. Ctrl+K.
    pub fn press_ctrl(&self, key: char) {
        let ctrl = "\u{E009}";
        self.post(
            "/actions",
            json!({"actions": [{"type": "key", "id": "keyboard", "actions": [
                {"type": "keyDown", "value": ctrl},
                {"type": "keyDown", "value": key.to_string()},
                {"type": "keyUp", "value": key.to_string()},
                {"type": "keyUp", "value": ctrl},
            ]}]}),
        );
    }

    /// Saves a PNG of the window as `tests/artifacts/<name>.png`.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        use base64::Engine;
        // WebKit captures the last painted frame: give the newest render time to paint.
        std::thread::sleep(Duration::from_millis(400));
        let data = self.get("/screenshot");
        let bytes =
            base64::engine::general_purpose::STANDARD.decode(data.as_str().unwrap_or_default()).unwrap_or_default();
        let path = artifacts_dir().join(format!("{name}.png"));
        std::fs::write(&path, bytes).expect("write screenshot");
        path
    }

    /// Closes the window and ends the app.
    pub fn close(mut self) {
        self.end();
    }

    fn end(&mut self) {
        if !self.closed {
            self.closed = true;
            let _ = self.http.delete(&self.base).send();
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.end();
    }
}

/// The app binary cargo built for this test run.
pub fn app_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_cluster-desk"))
}

#[cfg(target_os = "linux")]
/// Asks every mapped top-level window on `display` that accepts it to close, exactly as a
/// window manager does when the user clicks ×: a `WM_DELETE_WINDOW` client message.
/// Returns how many windows were asked.
pub fn request_window_close(display: &Display) -> usize {
    use std::ffi::CString;
    use std::os::raw::c_int;
    use x11::xlib;
    let name = CString::new(display.name.clone()).expect("display name");
    // SAFETY: plain Xlib calls on a display this function opens and closes; every pointer
    // Xlib returns is checked for null and freed with XFree.
    unsafe {
        let dpy = xlib::XOpenDisplay(name.as_ptr());
        assert!(!dpy.is_null(), "cannot open X display {}", display.name);
        let wm_protocols = xlib::XInternAtom(dpy, c"WM_PROTOCOLS".as_ptr(), xlib::False);
        let wm_delete = xlib::XInternAtom(dpy, c"WM_DELETE_WINDOW".as_ptr(), xlib::False);
        let root = xlib::XDefaultRootWindow(dpy);
        let (mut root_out, mut parent) = (0, 0);
        let mut children: *mut xlib::Window = std::ptr::null_mut();
        let mut count = 0u32;
        xlib::XQueryTree(dpy, root, &mut root_out, &mut parent, &mut children, &mut count);
        let mut asked = 0;
        for i in 0..count as usize {
            let window = *children.add(i);
            let mut attributes: xlib::XWindowAttributes = std::mem::zeroed();
            if xlib::XGetWindowAttributes(dpy, window, &mut attributes) == 0 || attributes.map_state != xlib::IsViewable
            {
                continue;
            }
            let mut protocols: *mut xlib::Atom = std::ptr::null_mut();
            let mut n: c_int = 0;
            if xlib::XGetWMProtocols(dpy, window, &mut protocols, &mut n) == 0 || protocols.is_null() {
                continue;
            }
            let accepts = (0..n as usize).any(|j| *protocols.add(j) == wm_delete);
            xlib::XFree(protocols.cast());
            if !accepts {
                continue;
            }
            let mut event: xlib::XEvent = std::mem::zeroed();
            event.client_message.type_ = xlib::ClientMessage;
            event.client_message.window = window;
            event.client_message.message_type = wm_protocols;
            event.client_message.format = 32;
            event.client_message.data.set_long(0, wm_delete as std::os::raw::c_long);
            event.client_message.data.set_long(1, xlib::CurrentTime as std::os::raw::c_long);
            xlib::XSendEvent(dpy, window, xlib::False, xlib::NoEventMask, &mut event);
            asked += 1;
        }
        if !children.is_null() {
            xlib::XFree(children.cast());
        }
        xlib::XFlush(dpy);
        xlib::XCloseDisplay(dpy);
        asked
    }
}

/// The process ids of running apps whose command line names `needle` (the database path).
pub fn app_processes(needle: &str) -> Vec<u32> {
    let output = Command::new("pgrep").args(["-f", needle]).output().expect("run pgrep");
    String::from_utf8_lossy(&output.stdout).lines().filter_map(|l| l.trim().parse().ok()).collect()
}

/// One app at a time: the machine has two cores and each window is a WebKit process tree.
pub static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The app on a fresh demo cluster (`--demo`) in its own folder, with exports written to
/// `exports` there, on its own virtual display.
pub struct DemoApp {
    _dir: tempfile::TempDir,
    pub database: PathBuf,
    pub exports: PathBuf,
    pub display: Display,
}

impl DemoApp {
    pub fn new() -> DemoApp {
        let dir = tempfile::tempdir().unwrap();
        let database = dir.path().join("cluster.sqlite");
        let exports = dir.path().join("exports");
        DemoApp { database, exports, display: Display::start(), _dir: dir }
    }

    pub fn driver(&self) -> Driver {
        Driver::start_with_env(&self.display, &[("CLUSTER_DESK_EXPORT_DIR", self.exports.to_str().unwrap())])
    }

    /// Starts the app and waits for the demo cluster's name.
    pub fn launch(&self, driver: &Driver) -> Session {
        let app = driver.launch(&app_binary(), &["--demo", "--database", self.database.to_str().unwrap()]);
        app.wait_for_text("#cluster-name", 60, |t| !t.is_empty());
        app
    }

    /// A reader on the app's database, to check what was saved.
    pub fn store(&self) -> desk_core::Store {
        desk_core::Store::open(&self.database).unwrap()
    }
}
