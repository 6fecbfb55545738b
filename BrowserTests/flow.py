"""The seller's and the buyer's main path in headless Chromium, against a
running demo server, with screenshots of every page at desktop and phone
width. Run by scripts/browser-tests.sh, which starts the server.

    BASE=http://127.0.0.1:18930 EMAIL=… PASSWORD=… TOKEN=… SHOTS=screenshots python flow.py
"""
import hashlib
import hmac
import http.server
import json
import os
import sys
import threading
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE = os.environ["BASE"]
SHOTS = os.environ.get("SHOTS", "screenshots")
STUCK = ["stalled_international", "stalled_origin", "long_silence", "handoff_missing"]
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


def api(path):
    request = urllib.request.Request(BASE + path, headers={"Authorization": "Bearer " + os.environ["TOKEN"]})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=ko-KR"]:
        options.add_argument(flag)
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    return driver


def shoot(driver, name):
    """The page as it is, at each width, whole length."""
    for size, (width, height) in SIZES.items():
        driver.set_window_size(width, height)
        full = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, min(max(height, full), 6000))
        driver.save_screenshot(os.path.join(SHOTS, f"{name}-{size}.png"))
    driver.set_window_size(*SIZES["desktop"])


def frame(driver, name, size):
    """What fits in one screen, from the top: the pictures the README shows."""
    driver.set_window_size(*SIZES[size])
    driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(os.path.join(SHOTS, f"readme-{name}.png"))
    driver.set_window_size(*SIZES["desktop"])


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print("ok  " + message)


def main():
    os.makedirs(SHOTS, exist_ok=True)
    driver = browser()
    wait = WebDriverWait(driver, 20)
    try:
        # Sign in.
        driver.get(BASE + "/")
        check(driver.current_url.startswith(BASE + "/login"), "a seller page without a session goes to sign in")
        shoot(driver, "login")
        driver.find_element(By.ID, "email").send_keys(os.environ["EMAIL"])
        driver.find_element(By.ID, "password").send_keys(os.environ["PASSWORD"])
        driver.find_element(By.CSS_SELECTOR, "form.narrow button[type=submit]").click()
        wait.until(ready.presence_of_element_located((By.ID, "queue")))
        check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ko", "Today is in Korean")
        shoot(driver, "today")
        frame(driver, "today", "desktop")

        # Today → an order with a stalled parcel.
        rows = driver.find_elements(By.CSS_SELECTOR, "#queue tr[data-code]")
        stuck = [row for row in rows if row.get_attribute("data-code") in STUCK]
        check(len(stuck) > 0, f"Today lists a stalled parcel ({len(rows)} rows)")
        links = [row.find_element(By.CSS_SELECTOR, "a").get_attribute("href") for row in stuck]
        opened = None
        for link in links:
            driver.get(link)
            timeline_found = driver.find_elements(By.CSS_SELECTOR, "#timeline td")
            if timeline_found:
                opened = link
                break
        check(opened is not None, "an order page with a stalled parcel and its scans")
        shoot(driver, "order")

        # Copy the message to the buyer.
        copy = driver.find_element(By.CSS_SELECTOR, "button.copy[data-copy$='-ko']")
        driver.execute_script("arguments[0].scrollIntoView()", copy)
        copy.click()
        wait.until(lambda d: copy.get_attribute("data-copied") == "yes")
        check(True, "the message's copy button copied")

        # Its buyer page: ask where the parcel is.
        buyer_url = driver.find_element(By.ID, "buyer-link").text.strip()
        check(buyer_url.startswith(BASE + "/t/"), "the order page gives the buyer page's link")
        driver.get(buyer_url)
        wait.until(ready.presence_of_element_located((By.ID, "question")))
        shoot(driver, "buyer")
        scans = driver.find_elements(By.CSS_SELECTOR, "#timeline li")
        check(len(scans) > 0, "the buyer page shows the timeline")
        place = scans[0].text.split(" · ")[-1].strip()
        ask(driver, wait, "제 택배 어디쯤 있나요?")
        answer = driver.find_elements(By.CSS_SELECTOR, "#conversation .from-desk")[-1].text
        check(place in answer, f"the answer names the last scan's place ({place})")
        shoot(driver, "buyer-answered")
        frame(driver, "buyer", "phone")

        # Ask for a person: a ticket in the seller's inbox.
        order_number = driver.find_element(By.CSS_SELECTOR, "#headline ~ p.muted").text.split(" · ")[0].split(" ")[-1]
        ask(driver, wait, "상담원 연결해 주세요")
        check(len(driver.find_elements(By.ID, "notice")) == 1, "asking for a person says it went to the seller")
        driver.get(BASE + "/inbox")
        inbox = driver.find_element(By.ID, "tickets").text
        check(order_number in inbox, f"the ticket for {order_number} is in the inbox")
        shoot(driver, "inbox")
        driver.find_element(By.LINK_TEXT, order_number).click()
        wait.until(ready.presence_of_element_located((By.ID, "reply")))
        shoot(driver, "inbox-conversation")

        # A delivered order's buyer page: file a return.
        filed = None
        for summary in api("/api/v1/orders?status=delivered&limit=100")["items"]:
            detail = api("/api/v1/orders/" + summary["id"])
            driver.get(detail["buyerPageUrl"])
            forms = driver.find_elements(By.CSS_SELECTOR, "form.opening[data-type=return]")
            if not forms:
                continue
            Select(forms[0].find_element(By.NAME, "reason")).select_by_index(0)
            forms[0].find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            wait.until(ready.presence_of_element_located((By.ID, "notice")))
            filed = detail["externalId"]
            shoot(driver, "buyer-return-filed")
            break
        check(filed is not None, "a delivered order's buyer page offers a return, and it is filed")
        driver.get(BASE + "/claims")
        card = driver.find_elements(By.CSS_SELECTOR, f"li[data-claim^='{filed}-C']")
        check(len(card) > 0, f"the return on {filed} is on the claims board")
        newest = max(card, key=lambda item: int(item.get_attribute("data-claim").rsplit("-C", 1)[1]))
        check(len(newest.find_elements(By.CSS_SELECTOR, ".muted")) > 0, "with its deadline: " + newest.text)
        shoot(driver, "claims")
        newest.find_element(By.TAG_NAME, "a").click()
        wait.until(ready.presence_of_element_located((By.ID, "actions")))
        check(len(driver.find_elements(By.CSS_SELECTOR, "#actions button[data-action]")) > 0, "the claim page offers its allowed actions")
        shoot(driver, "claim")

        # The other seller pages, for the screenshots.
        for path, name, marker in [("/orders", "orders", "orders"), ("/lanes", "lanes", "days-chart")]:
            driver.get(BASE + path)
            check(len(driver.find_elements(By.ID, marker)) == 1, f"{path} shows #{marker}")
            shoot(driver, name)

        settings(driver, wait)

        # Import a file from the browser (the script shows the upload's progress), and its report.
        csv_path = os.path.join(SHOTS, "browser-import.csv")
        with open(csv_path, "w", encoding="utf-8") as csv_file:
            csv_file.write("externalId,placedAt,itemName\nBT-1,2026-11-02T10:00:00+09:00,컵\nBT-2,not a date,컵\n")
        driver.get(BASE + "/import")
        Select(driver.find_element(By.NAME, "format")).select_by_value("generic")
        driver.find_element(By.ID, "file").send_keys(os.path.abspath(csv_path))
        driver.find_element(By.CSS_SELECTOR, "#upload button[type=submit]").click()
        wait.until(lambda d: "3, placedAt" in text_of(d, "report"))
        check(True, "an import with a bad line names the line and the column, and imports nothing")
        shoot(driver, "import")
        os.remove(csv_path)

        # English, remembered.
        driver.get(BASE + "/?lang=en")
        driver.get(BASE + "/")
        check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", "English is remembered")
        shoot(driver, "today-en")
        print("browser tests passed")
    except Exception:
        shoot(driver, "failure")
        print(driver.current_url, file=sys.stderr)
        raise
    finally:
        driver.quit()


def settings(driver, wait):
    """A lane's threshold, the wording of a message (previewed, then saved), a webhook that receives a signed test."""
    driver.get(BASE + "/settings")
    form = driver.find_element(By.CSS_SELECTOR, "form.lane-rule")
    form.find_element(By.NAME, "origin").send_keys("CN")
    form.find_element(By.NAME, "destination").send_keys("KR")
    form.find_element(By.NAME, "t_stalled_international_days").send_keys("9")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait.until(lambda d: "CN → KR" in text_of(d, "lanes"))
    check("9일" in text_of(driver, "lanes"), "a lane's threshold is saved and listed")

    details = driver.find_element(By.ID, "template-stalled")
    details.find_element(By.TAG_NAME, "summary").click()
    details.find_element(By.NAME, "ko").send_keys("{name}, 주문 {order} 건을 운송사에 확인하고 있어요. {next}까지 알려드릴게요.")
    details.find_element(By.CSS_SELECTOR, "button[value=preview]").click()
    wait.until(lambda d: "김민수님, 주문 2026120600123 건을" in text_of(d, "preview-stalled"))
    check(True, "the wording's preview is filled from a sample order")
    driver.find_element(By.CSS_SELECTOR, "#template-stalled button[value=save]").click()
    wait.until(lambda d: "문구를 저장했습니다" in text_of(d, "notice"))
    check(True, "the wording is saved")

    received = []

    class Receiver(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((dict(self.headers), body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    receiver = http.server.HTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    try:
        form = driver.find_element(By.CSS_SELECTOR, "#webhooks form[action='/settings/webhooks']")
        form.find_element(By.NAME, "url").send_keys(f"http://127.0.0.1:{receiver.server_port}/hook")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        secret = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#new-secret code")).text
        check(secret.startswith("whsec_"), "a webhook's secret is shown once")
        driver.get(BASE + "/settings")
        check(secret not in driver.page_source, "and not again")
        driver.find_element(By.CSS_SELECTOR, "#webhooks form[action$='/test'] button").click()
        deadline = time.time() + 30
        while not received and time.time() < deadline:
            time.sleep(0.5)
        check(len(received) == 1, "the test delivery reaches the receiver")
        headers, body = received[0]
        stamp, signature = (part.split("=", 1)[1] for part in headers["ParcelDesk-Signature"].split(","))
        expected = hmac.new(secret.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        check(hmac.compare_digest(expected, signature), "signed with the secret as docs/API.md says")
        check(json.loads(body)["type"] == "webhook.test", "as a webhook.test event")
    finally:
        receiver.shutdown()
    driver.get(BASE + "/settings")
    shoot(driver, "settings")


def ask(driver, wait, question):
    field = driver.find_element(By.ID, "question")
    field.clear()
    field.send_keys(question)
    field.submit()
    wait.until(lambda d: question in text_of(d, "conversation"))


def text_of(driver, element_id):
    """An element's text, or "" while the page it was on is being replaced."""
    try:
        return driver.find_element(By.ID, element_id).text
    except (NoSuchElementException, StaleElementReferenceException):
        return ""


if __name__ == "__main__":
    main()
