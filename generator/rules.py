"""The catalogue of diagnostic codes: the one place each rule is documented.

Editors search for a code, tests assert on codes, and ``portal explain CODE`` prints the entry.
Every entry's bad example must raise its code and its good example must not; the test suite runs
them through the real checker (alongside the documents in ``tests/fixtures/context``).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.diagnostics import Diagnostic, Severity


@dataclass(frozen=True, kw_only=True)
class Rule:
    """One catalogue entry; every field is named where the entry is written."""

    code: str
    name: str
    severity: Severity
    title: str
    what: str
    why: str
    fix: str
    bad: str
    good: str
    # Rules about raw bytes cannot show their bad example as text; tests use these bytes.
    bad_bytes: bytes | None = None
    # Rules about the file itself (its name, its kind) say how tests lay out the bad example:
    # "name:PATH" (the bad text written to content/PATH), "symlink:TARGET" (content/vi-du.md
    # links to TARGET, relative to the site root), or "fifo" (content/vi-du.md is a FIFO).
    bad_setup: str | None = None
    # `portal fix` repairs it without asking anything (tests/test_rules.py holds the flag to
    # what `generator.fix` really repairs); `portal explain` says so.
    fixable: bool = False


E = Severity.ERROR
W = Severity.WARNING

_PLAN = """---
type: plan
number: 75/KH-VPUB
issued: 2025-12-16
title: Đối thoại trực tiếp giữa Chánh Văn phòng UBND tỉnh với nhân dân năm 2026
status: published
---
Nội dung kế hoạch.
"""


_PAGE = """---
type: page
title: Giới thiệu
status: published
---
Nội dung trang.
"""


_PARTY_RULE = """---
type: regulation
number: 430-QĐ/TU
issued: 2022-07-01
title: Quy định về đối thoại
issuer: Tỉnh ủy Sơn La
status: published
---
"""

_DIALOGUE = "event:\n  start: 2025-09-26 14:00\npetitions:\n  start: 2025-08-25"


_PETITION = """---
type: petition
title: Thời gian trả kết quả thủ tục hành chính qua bưu chính công ích
status: published
received: 2025-12-16
channel: hotline
area: Thủ tục hành chính
from_place: Phường Chiềng Lề
question: Đề nghị cho biết thời gian trả kết quả hồ sơ khi chọn nhận qua bưu chính công ích.
state: answered
answered: 2025-12-22
answer_by: 74/KH-VPUB
---
Kết quả được trả trong ngày làm việc tiếp theo kể từ ngày có kết quả giải quyết.
"""


def _petition(old: str = "", new: str = "") -> str:
    return _PETITION.replace(old, new) if old else _PETITION


def _plan(old: str = "", new: str = "", extra: str = "") -> str:
    """The good plan above with one text replaced and extra frontmatter lines added.

    Keeps every example short and differing from the good one only where the rule looks.
    """
    text = _PLAN.replace(old, new) if old else _PLAN
    if extra:
        text = text.replace("status: published\n", "status: published\n" + extra + "\n", 1)
    return text


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in [
        # -- F: the file itself ------------------------------------------------------------
        Rule(
            code="F001",
            name="file-not-utf8",
            severity=E,
            title="Tệp không phải UTF-8",
            what="Tệp chứa byte không đọc được theo bảng mã UTF-8.",
            why=(
                "Cổng thông tin dùng Unicode UTF-8 (TCVN 6909); tệp lưu bằng bảng mã cũ (TCVN3, "
                "VNI, Windows-1258) sẽ hiện chữ lỗi trên trang công khai."
            ),
            fix=(
                "Mở tệp bằng trình soạn thảo, chọn lưu lại với bảng mã UTF-8. Nếu văn bản gõ bằng "
                "phông TCVN3 hoặc VNI, chuyển mã sang Unicode (ví dụ bằng Unikey) rồi dán lại."
            ),
            bad="(tệp lưu bằng bảng mã Windows-1258)",
            good=_PLAN,
            bad_bytes=_PLAN.replace("Nội dung", "N\xf4i dung").encode("latin-1", "replace"),
        ),
        Rule(
            code="F002",
            name="text-not-nfc",
            severity=W,
            title="Chữ Việt chưa ở dạng dựng sẵn (NFC)",
            what="Có chữ có dấu được gõ ở dạng tổ hợp (NFD: chữ cái và dấu là hai ký tự riêng).",
            why=(
                "Cùng một chữ ở hai dạng khác nhau thì tìm kiếm và so sánh không khớp; "
                "TCVN 6909 dùng dạng dựng sẵn."
            ),
            fix="Chạy `portal fix --write` để chuẩn hóa, hoặc đặt bộ gõ ở chế độ Unicode dựng sẵn.",
            bad=_PLAN.replace("Nội dung", "No\u0302\u0323i dung"),
            good=_PLAN,
            fixable=True,
        ),
        Rule(
            code="F003",
            name="frontmatter-missing",
            severity=E,
            title="Thiếu phần thông tin đầu tệp",
            what="Tệp không bắt đầu bằng dòng `---` mở phần thông tin (frontmatter YAML).",
            why=(
                "Số ký hiệu, ngày ban hành, trích yếu... được đọc từ phần này; thiếu nó thì không "
                "biết tệp là văn bản gì."
            ),
            fix=(
                "Thêm ở đầu tệp một khối bắt đầu và kết thúc bằng dòng `---`, trong đó ghi `type`, "
                "`title`, `status`."
            ),
            bad="Nội dung kế hoạch.\n",
            good=_PLAN,
        ),
        Rule(
            code="F004",
            name="frontmatter-unclosed",
            severity=E,
            title="Phần thông tin đầu tệp chưa đóng",
            what="Có dòng `---` mở đầu nhưng không có dòng `---` đóng lại.",
            why="Không có dòng đóng thì toàn bộ nội dung bị hiểu nhầm là thông tin.",
            fix="Thêm một dòng chỉ gồm `---` ngay sau khóa cuối cùng, trước nội dung văn bản.",
            bad=_PLAN.replace("status: published\n---\n", "status: published\n"),
            good=_PLAN,
        ),
        Rule(
            code="F005",
            name="yaml-syntax",
            severity=E,
            title="Lỗi cú pháp YAML",
            what="Phần thông tin không đọc được theo cú pháp YAML.",
            why="Một lỗi cú pháp làm mất toàn bộ thông tin của văn bản.",
            fix=(
                "Xem dòng được báo: thường do thiếu dấu cách sau dấu `:`, thụt lề không đều, hoặc "
                "giá trị chứa `: ` hay `#` mà chưa đặt trong dấu ngoặc kép."
            ),
            bad=_plan("title: Đối thoại", 'title: "Đối thoại'),
            good=_PLAN,
        ),
        Rule(
            code="F006",
            name="file-empty",
            severity=E,
            title="Tệp rỗng",
            what="Tệp không có nội dung.",
            why="Một tệp rỗng thường là tệp tạo nhầm hoặc lưu hỏng; nó không thể thành văn bản.",
            fix="Xóa tệp, hoặc khôi phục nội dung từ lịch sử git (`git log -- <tệp>`).",
            bad="",
            good=_PLAN,
            bad_bytes=b"",
        ),
        Rule(
            code="F007",
            name="file-too-large",
            severity=E,
            title="Tệp quá lớn",
            what="Tệp Markdown lớn hơn 2 MiB, hoặc phần thông tin đầu tệp lớn hơn 64 KiB.",
            why=(
                "Một văn bản hành chính không dài đến vậy; tệp lớn thường là tệp nhị phân đặt nhầm "
                "đuôi `.md` và làm trang tải chậm trên điện thoại."
            ),
            fix="Đưa bản gốc (PDF, DOCX) vào `attachments`, chỉ giữ nội dung chữ trong tệp `.md`.",
            bad="(tệp 3 MiB)",
            good=_PLAN,
            bad_bytes=_PLAN.encode() + b"x" * (3 * 1024 * 1024),
        ),
        Rule(
            code="F008",
            name="file-binary",
            severity=E,
            title="Tệp nhị phân mang đuôi .md",
            what="Tệp chứa byte NUL: đó là tệp nhị phân (ảnh, PDF, DOCX) chứ không phải văn bản.",
            why="Tệp nhị phân không hiển thị được thành trang.",
            fix="Đổi đuôi tệp cho đúng và khai báo nó trong `attachments` của văn bản.",
            bad="(tệp PDF đổi tên thành .md)",
            good=_PLAN,
            bad_bytes=b"%PDF-1.7\n\x00\x01\x02binary",
        ),
        Rule(
            code="F009",
            name="yaml-alias-or-nesting",
            severity=E,
            title="YAML dùng tham chiếu (&, *) hoặc lồng quá sâu",
            what=(
                "Phần thông tin dùng neo `&` / tham chiếu `*` của YAML, hoặc lồng nhau quá 20 tầng."
            ),
            why=(
                "Văn bản không cần các cấu trúc này; chúng có thể làm chương trình treo "
                "(tấn công 'billion laughs')."
            ),
            fix="Viết trực tiếp giá trị thay cho tham chiếu; bỏ các tầng lồng thừa.",
            bad=_plan("status: published", "status: &s published\nplace: *s"),
            good=_PLAN,
        ),
        Rule(
            code="F010",
            name="frontmatter-not-mapping",
            severity=E,
            title="Phần thông tin không phải danh sách khóa: giá trị",
            what=(
                "Phần thông tin phải là các dòng `khóa: giá trị`, nhưng ở đây là một danh sách "
                "hoặc một chuỗi."
            ),
            why="Không có khóa thì không biết đâu là số ký hiệu, đâu là trích yếu.",
            fix="Viết mỗi thông tin trên một dòng dạng `khóa: giá trị`, không mở đầu bằng `- `.",
            bad="---\n- type: plan\n- title: Kế hoạch\n---\nNội dung.\n",
            good=_PLAN,
        ),
        Rule(
            code="F011",
            name="byte-order-mark",
            severity=W,
            title="Tệp có ký tự BOM ở đầu",
            what="Tệp bắt đầu bằng ký tự vô hình BOM (U+FEFF) do một số trình soạn thảo thêm vào.",
            why="BOM vô hình nhưng làm một số công cụ không nhận ra dòng `---` mở đầu.",
            fix=(
                "Chạy `portal fix --write`, hoặc lưu lại với bảng mã 'UTF-8' (không phải 'UTF-8 "
                "BOM')."
            ),
            bad="(tệp lưu dạng UTF-8 BOM)",
            good=_PLAN,
            bad_bytes=b"\xef\xbb\xbf" + _PLAN.encode(),
            fixable=True,
        ),
        Rule(
            code="F012",
            name="symlink-outside-content",
            severity=E,
            title="Liên kết tượng trưng trỏ ra ngoài content/",
            what=(
                "Một liên kết tượng trưng (symlink) trong content/ trỏ tới tệp hay thư mục nằm "
                "ngoài content/."
            ),
            why=(
                "Trang công khai chỉ được đăng những gì thật sự nằm trong content/: một liên kết "
                "tới /etc/passwd hay biến môi trường của máy dựng sẽ công bố bí mật. Portal không "
                "đọc và không đăng tệp mà liên kết trỏ tới."
            ),
            fix="Chép tệp thật vào content/ thay cho liên kết, hoặc xóa liên kết.",
            bad="(content/vi-du.md là liên kết tới mkdocs.yml)",
            good=_PLAN,
            bad_setup="symlink:mkdocs.yml",
        ),
        Rule(
            code="F013",
            name="not-a-regular-file",
            severity=W,
            title="Tệp đặc biệt hoặc liên kết hỏng bị bỏ qua",
            what=(
                "Trong content/ có FIFO, socket, thiết bị, liên kết hỏng hoặc liên kết tạo vòng "
                "lặp."
            ),
            why=(
                "Những thứ này không phải văn bản; đọc một FIFO sẽ treo chương trình, một vòng lặp "
                "thư mục làm việc đọc không bao giờ dừng. Portal bỏ qua chúng và báo lại."
            ),
            fix="Xóa chúng khỏi content/, hoặc thay bằng tệp thật.",
            bad="(content/vi-du.md là một FIFO)",
            good=_PLAN,
            bad_setup="fifo",
        ),
        Rule(
            code="F014",
            name="file-type-not-published",
            severity=W,
            title="Loại tệp không được đăng",
            what=(
                "Trong content/ có tệp không phải văn bản Markdown và không thuộc các loại được "
                "đăng (PDF, Word, Excel, PowerPoint, OpenDocument, CSV, TXT, ảnh "
                "PNG/JPEG/GIF/WebP/AVIF, MP3, MP4, WebM)."
            ),
            why=(
                "Các loại khác (HTML, SVG, JavaScript, tệp nén...) có thể chạy mã dưới danh nghĩa "
                "Cổng hoặc chứa thứ không ai định công bố, nên không được sao chép lên trang."
            ),
            fix="Chuyển bản gốc sang PDF; đưa tệp không cần đăng ra khỏi content/.",
            bad="(tệp content/trang.html)",
            good=_PLAN,
            bad_setup="name:trang.html",
        ),
        Rule(
            code="F015",
            name="page-at-reserved-address",
            severity=E,
            title="Trang thường đặt ở địa chỉ của trang do Cổng tạo",
            what=(
                "Một trang thường (`type: page`) nằm ở địa chỉ mà Cổng dùng cho trang tự tạo: "
                "trang chủ `content/index.md`, hoặc trong các thư mục `van-ban/`, `chu-de/`, "
                "`tim-kiem/`, `api/`, `lich/`, `search/`, `hoi-dap/`, `gui-kien-nghi/`."
            ),
            why=(
                "Trang tự tạo sẽ đè lên trang này và nội dung biên tập viên viết bị mất mà không "
                "ai hay."
            ),
            fix="Đổi tên hoặc chuyển tệp sang chỗ khác, ví dụ `content/gioi-thieu.md`.",
            bad=_PAGE,
            good=_PAGE.replace("Giới thiệu", "Liên hệ"),
            bad_setup="name:index.md",
        ),
        # -- M: metadata keys and values ----------------------------------------------------
        Rule(
            code="M001",
            name="duplicate-key",
            severity=E,
            title="Một khóa khai báo hai lần",
            what="Cùng một khóa xuất hiện hai lần trong phần thông tin.",
            why="YAML chỉ giữ giá trị sau cùng nên giá trị trước bị mất mà không ai hay.",
            fix="Giữ một dòng với giá trị đúng, xóa dòng còn lại.",
            bad=_plan("status: published", "status: draft\nstatus: published"),
            good=_PLAN,
        ),
        Rule(
            code="M002",
            name="unknown-key",
            severity=E,
            title="Khóa không được hỗ trợ",
            what="Phần thông tin có khóa mà chương trình không biết (thường do gõ nhầm).",
            why="Thông tin ghi dưới khóa gõ nhầm sẽ không hiện trên trang: mất mà không ai hay.",
            fix="Sửa tên khóa theo gợi ý 'có phải ý bạn là'; danh sách khóa có trong README.",
            bad=_plan("title:", "titel:"),
            good=_PLAN,
        ),
        Rule(
            code="M003",
            name="wrong-type",
            severity=E,
            title="Giá trị sai kiểu",
            what=(
                "Giá trị không đúng kiểu khóa yêu cầu: cần danh sách mà ghi một chuỗi, cần ngày "
                "`YYYY-MM-DD` mà ghi kiểu khác, cần chuỗi mà ghi danh sách..."
            ),
            why="Giá trị sai kiểu không dùng được để hiển thị, sắp xếp hay liên kết.",
            fix=(
                "Ghi theo mẫu trong thông báo: ngày dạng `2025-12-16`, danh sách mỗi mục một dòng "
                "bắt đầu bằng `- `."
            ),
            bad=_plan("issued: 2025-12-16", "issued: 16/12/2025"),
            good=_PLAN,
        ),
        Rule(
            code="M004",
            name="impossible-date",
            severity=E,
            title="Ngày không có thật",
            what="Ngày đúng mẫu `YYYY-MM-DD` nhưng không tồn tại trên lịch, ví dụ 2025-02-30.",
            why="Ngày sai làm văn bản sắp xếp sai và dẫn chiếu không khớp.",
            fix="Kiểm tra lại ngày trên bản giấy đã ký.",
            bad=_plan("issued: 2025-12-16", "issued: 2025-02-30"),
            good=_PLAN,
        ),
        Rule(
            code="M005",
            name="required-missing",
            severity=E,
            title="Thiếu thông tin bắt buộc",
            what=(
                "Thiếu `type`, `title` hoặc `status`; hoặc văn bản đã `published` mà thiếu "
                "`number` hay `issued`."
            ),
            why=(
                "Nghị định 42/2022/NĐ-CP yêu cầu văn bản đăng trên cổng có số ký hiệu, ngày ban "
                "hành và trích yếu."
            ),
            fix=(
                "Thêm khóa còn thiếu. Văn bản chưa có số thì để `status: draft` cho đến khi ký "
                "ban hành."
            ),
            bad=_plan("issued: 2025-12-16\n", ""),
            good=_PLAN,
        ),
        Rule(
            code="M006",
            name="invalid-value",
            severity=E,
            title="Giá trị không nằm trong danh sách cho phép",
            what=(
                "Các khóa `type`, `status`, `validity`, `signer.mode` chỉ nhận một số giá trị cố "
                "định."
            ),
            why="Giá trị lạ không xếp được vào chuyên mục nào.",
            fix="Chọn một giá trị theo gợi ý trong thông báo.",
            bad=_plan("status: published", "status: publish"),
            good=_PLAN,
        ),
        Rule(
            code="M007",
            name="topic-address-collision",
            severity=W,
            title="Hai cách viết một chủ đề",
            what=(
                'Hai chủ đề chỉ khác nhau ở dấu, chữ hoa hay dấu câu ("Đất đai" và "Đất Đai") '
                "nên có cùng một trang chủ đề."
            ),
            why=(
                "Hai cách viết làm danh sách chủ đề trùng lặp; trang chủ đề gộp cả hai dưới một "
                "tên."
            ),
            fix="Thống nhất một cách viết trong `topics` của mọi văn bản.",
            bad=_plan(extra="topics:\n  - Đối thoại\n  - Đối Thoại"),
            good=_plan(extra="topics:\n  - Đối thoại"),
        ),
        Rule(
            code="M010",
            name="correction-form",
            severity=E,
            title="Mục đính chính ghi sai mẫu",
            what=(
                "Mỗi mục của `corrections` phải có `date` (ngày đính chính) và `note` (nội dung "
                "đính chính viết cho người đọc)."
            ),
            why=(
                "Lịch sử đính chính hiện trên trang công khai; mục thiếu ngày hoặc nội dung không "
                "cho người đọc biết văn bản đã được sửa gì, khi nào."
            ),
            fix=(
                "Ghi mỗi lần đính chính thành một mục:\n"
                "corrections:\n  - date: 2025-12-18\n    note: Sửa địa điểm hội nghị."
            ),
            bad=_plan(extra="corrections:\n  - Sửa địa điểm hội nghị."),
            good=_plan(
                extra="corrections:\n  - date: 2025-12-18\n    note: Sửa địa điểm hội nghị."
            ),
        ),
        Rule(
            code="M011",
            name="correction-before-issue",
            severity=E,
            title="Đính chính trước ngày ban hành",
            what="Ngày của một lần đính chính (`corrections`) sớm hơn ngày ban hành `issued`.",
            why="Chỉ văn bản đã ban hành mới được đính chính; ngày sai làm lịch sử công khai sai.",
            fix="Kiểm tra lại ngày đính chính (thường là ngày ký văn bản đính chính) và `issued`.",
            bad=_plan(extra="corrections:\n  - date: 2025-12-01\n    note: Sửa địa điểm hội nghị."),
            good=_plan(
                extra="corrections:\n  - date: 2025-12-18\n    note: Sửa địa điểm hội nghị."
            ),
        ),
        # -- N: number and symbol (số, ký hiệu) ----------------------------------------------
        Rule(
            code="N001",
            name="number-form",
            severity=E,
            title="Số ký hiệu sai thể thức",
            what=(
                "Số ký hiệu không theo thể thức của Nghị định 30/2020/NĐ-CP: văn bản nhà nước "
                "`Số/LOẠI-CƠQUAN` (340/TB-VPUB), văn bản của Đảng `Số-LOẠI/CƠQUAN` (429-QĐ/TU), "
                "văn bản quy phạm `Số/Năm/LOẠI-CƠQUAN` (30/2020/NĐ-CP); không có dấu cách."
            ),
            why=(
                "Số ký hiệu là khóa để tra cứu và dẫn chiếu; sai thể thức thì không tìm thấy văn "
                "bản."
            ),
            fix="Chép đúng số ký hiệu in trên văn bản, bỏ dấu cách và chữ 'Số:'.",
            bad=_plan("75/KH-VPUB", "75 / KH-VPUB"),
            good=_PLAN,
        ),
        Rule(
            code="N002",
            name="number-leading-zero",
            severity=E,
            title="Số nhỏ hơn 10 thiếu số 0 ở đầu",
            what=(
                "Theo Nghị định 30/2020/NĐ-CP, số văn bản nhỏ hơn 10 phải ghi thêm số 0: "
                "`05/KH-VPUB`."
            ),
            why="Thiếu số 0 thì 5/KH-VPUB và 05/KH-VPUB bị coi là hai văn bản khác nhau.",
            fix="Thêm số 0 ở đầu (`portal fix --write` làm việc này).",
            bad=_plan("75/KH-VPUB", "5/KH-VPUB"),
            good=_plan("75/KH-VPUB", "05/KH-VPUB"),
            fixable=True,
        ),
        Rule(
            code="N003",
            name="number-type-mismatch",
            severity=E,
            title="Ký hiệu loại văn bản không khớp với `type`",
            what=(
                "Phần chữ viết tắt trong số ký hiệu (KH, TB, BC...) không đúng với loại văn bản "
                "khai báo ở `type` (theo Phụ lục III Nghị định 30/2020/NĐ-CP)."
            ),
            why="Một trong hai đang sai: văn bản sẽ nằm sai chuyên mục hoặc dẫn chiếu sai.",
            fix=(
                "Sửa `type` hoặc số ký hiệu cho khớp: plan ↔ KH, agenda ↔ CTr, notice và "
                "conclusion ↔ TB, report ↔ BC, decision ↔ QĐ..."
            ),
            bad=_plan("75/KH-VPUB", "75/TB-VPUB"),
            good=_PLAN,
        ),
        Rule(
            code="N004",
            name="number-duplicate",
            severity=E,
            title="Số văn bản bị trùng trong cùng sổ",
            what=(
                "Hai văn bản cùng cơ quan, cùng loại, cùng năm (văn bản của Đảng: cùng nhiệm kỳ) "
                "mang cùng một số."
            ),
            why=(
                "Mỗi số chỉ cấp một lần trong năm; trùng số là nhầm lẫn khi nhập hoặc sao chép tệp."
            ),
            fix="Kiểm tra số trên bản đã ký; sửa tệp ghi nhầm.",
            bad=_plan("75/KH-VPUB", "74/KH-VPUB"),
            good=_PLAN,
        ),
        # -- R: references between documents -----------------------------------------------
        Rule(
            code="N005",
            name="address-collision",
            severity=E,
            title="Hai văn bản cùng một địa chỉ",
            what=(
                "Hai văn bản có cùng địa chỉ trên Cổng (địa chỉ lấy từ số ký hiệu và năm, bỏ dấu: "
                "`101/TB-ĐU` và `101/TB-DU` đều là `tb-101-du`), hoặc một trang thường đặt ở chỗ "
                "dành cho trang do công cụ tạo (`index.md`, `van-ban/`, `chu-de/`)."
            ),
            why=(
                "Một địa chỉ chỉ chứa được một trang: văn bản kia biến mất khỏi Cổng mà không ai "
                "hay."
            ),
            fix=(
                "Kiểm tra số ký hiệu trên bản đã ký; với bản nháp, đổi tên tệp; với trang thường, "
                "chuyển tệp ra thư mục khác."
            ),
            bad=_PARTY_RULE.replace("430-QĐ/TU", "429-QD/TU"),
            good=_PARTY_RULE,
        ),
        Rule(
            code="N006",
            name="previous-number-taken",
            severity=E,
            title="Số cũ trùng địa chỉ của văn bản khác",
            what=(
                "Một số trong `previous_numbers` có địa chỉ là địa chỉ của văn bản khác đang đăng, "
                "hoặc trùng số cũ của văn bản khác."
            ),
            why=(
                "Trang chuyển hướng của số cũ sẽ thay mất trang của văn bản kia: người đọc tìm văn "
                "bản thật lại bị đưa sang văn bản khác."
            ),
            fix="Chỉ ghi vào `previous_numbers` số mà chính văn bản này từng mang.",
            bad=_plan(extra="previous_numbers:\n  - 74/KH-VPUB"),
            good=_plan(extra="previous_numbers:\n  - 73/KH-VPUB"),
        ),
        Rule(
            code="N007",
            name="number-non-ascii-digits",
            severity=E,
            title="Số ký hiệu có chữ số lạ",
            what=(
                "Số ký hiệu dùng chữ số toàn độ rộng (`１０１`) hay chữ số Ả Rập - Ấn Độ (`١٠١`) "
                "thay cho chữ số thường."
            ),
            why=(
                "Trông giống nhau nhưng là ký tự khác: văn bản không tra được theo số, và địa chỉ "
                "của nó mất phần số."
            ),
            fix="Gõ lại số bằng chữ số thường 0–9.",
            bad=_plan("75/KH-VPUB", "７５/KH-VPUB"),
            good=_PLAN,
        ),
        Rule(
            code="R001",
            name="reference-unresolved",
            severity=E,
            title="Văn bản dẫn chiếu không có trong kho",
            what=(
                "Một số ký hiệu trong `references` (hoặc `amends`, `replaces`) không khớp văn bản "
                "nào trong `content/`."
            ),
            why="Liên kết sẽ hỏng và người đọc không tra được căn cứ.",
            fix=(
                "Kiểm tra số ký hiệu; nếu đúng, thêm một tệp ghi thông tin văn bản đó (chỉ phần "
                "thông tin, không cần nội dung)."
            ),
            bad=_plan(extra="references:\n  - 99/KH-VPUB"),
            good=_plan(extra="references:\n  - 74/KH-VPUB"),
        ),
        Rule(
            code="R002",
            name="reference-to-draft",
            severity=E,
            title="Văn bản đã ban hành dẫn chiếu bản nháp",
            what="Một văn bản `published` dẫn chiếu văn bản còn `status: draft`.",
            why="Bản nháp không hiện trên cổng nên liên kết trên trang công khai sẽ hỏng.",
            fix="Ban hành văn bản được dẫn chiếu trước, hoặc giữ văn bản này ở dạng nháp.",
            bad=_plan(extra="references:\n  - 12/TB-VPUB"),
            good=_plan(extra="references:\n  - 74/KH-VPUB"),
        ),
        Rule(
            code="R003",
            name="reference-to-later",
            severity=E,
            title="Dẫn chiếu văn bản ban hành sau",
            what="Văn bản dẫn chiếu một văn bản có ngày ban hành muộn hơn chính nó.",
            why="Không thể căn cứ vào văn bản chưa ra đời: một trong hai ngày đang sai.",
            fix="Kiểm tra `issued` của cả hai văn bản, hoặc bỏ dẫn chiếu sai.",
            bad=_plan("2025-12-16", "2025-12-01", extra="references:\n  - 74/KH-VPUB"),
            good=_plan(extra="references:\n  - 74/KH-VPUB"),
        ),
        # -- C: citations in running text -------------------------------------------------
        Rule(
            code="C001",
            name="citation-date-mismatch",
            severity=E,
            title="Ngày trong câu dẫn chiếu sai",
            what=(
                "Câu dẫn chiếu trong nội dung ghi một ngày khác với ngày ban hành (`issued`) của "
                "văn bản mang số ký hiệu đó, hoặc một ngày không có trên lịch."
            ),
            why="Dẫn chiếu sai ngày trên văn bản chính thức là sai sót phải đính chính.",
            fix=(
                "Sửa ngày trong câu cho đúng bản gốc; nếu chính `issued` của văn bản kia sai, sửa "
                "ở tệp đó."
            ),
            bad=(
                _PLAN.replace(
                    "Nội dung kế hoạch.",
                    "Thực hiện Kế hoạch số 74/KH-VPUB ngày 16/12/2025 của Văn phòng.",
                )
            ),
            good=(
                _PLAN.replace(
                    "Nội dung kế hoạch.",
                    "Thực hiện Kế hoạch số 74/KH-VPUB ngày 15/12/2025 của Văn phòng.",
                )
            ),
        ),
        Rule(
            code="C002",
            name="citation-type-mismatch",
            severity=E,
            title="Tên loại văn bản trong câu dẫn chiếu không khớp ký hiệu",
            what=(
                "Câu dẫn chiếu gọi văn bản bằng một tên loại (Kế hoạch, Thông báo...) trái với ký "
                "hiệu trong số của nó, ví dụ 'Kế hoạch số 340/TB-VPUB'."
            ),
            why="Một trong hai đang sai: người đọc không biết văn bản nào được dẫn chiếu.",
            fix=(
                "Sửa tên loại hoặc số ký hiệu cho khớp với bản gốc: KH là Kế hoạch, TB là Thông "
                "báo, BC là Báo cáo, CTr là Chương trình, QĐ là Quyết định (văn bản Đảng: cả Quy "
                "định)..."
            ),
            bad=_PLAN.replace("Nội dung kế hoạch.", "Thực hiện Thông báo số 74/KH-VPUB."),
            good=_PLAN.replace("Nội dung kế hoạch.", "Thực hiện Kế hoạch số 74/KH-VPUB."),
        ),
        Rule(
            code="C003",
            name="citation-unknown",
            severity=W,
            title="Văn bản được dẫn chiếu chưa có trong kho",
            what="Nội dung dẫn chiếu một số ký hiệu không khớp văn bản nào trong `content/`.",
            why="Không có văn bản đích thì không tạo được liên kết, và không kiểm tra được ngày.",
            fix=(
                "Kiểm tra số ký hiệu; nếu đúng, thêm một tệp trong `content/dan-chieu/` chỉ gồm "
                "phần thông tin (type, number, issued, title, issuer, status: published)."
            ),
            bad=_PLAN.replace(
                "Nội dung kế hoạch.", "Căn cứ Quyết định số 99/QĐ-UBND ngày 02/01/2025."
            ),
            good=_PLAN.replace(
                "Nội dung kế hoạch.", "Căn cứ Quy định số 429-QĐ/TU ngày 01/7/2022."
            ),
        ),
        Rule(
            code="C004",
            name="citation-spelling",
            severity=W,
            title="Số ký hiệu trong câu dẫn chiếu viết khác bản đăng ký",
            what=(
                "Câu dẫn chiếu ghi số ký hiệu có dấu cách, thiếu hoặc thừa dấu gạch, chữ hoa chữ "
                "thường khác (`74 /KH-VPUB`, `QĐ-TTG`) so với số ký hiệu của văn bản trong kho."
            ),
            why=(
                "Công cụ vẫn nhận ra và tạo liên kết, nhưng văn bản công bố phải ghi số ký hiệu "
                "đúng thể thức (Nghị định 30/2020/NĐ-CP), để người đọc tìm được văn bản."
            ),
            fix="Viết lại đúng như số ký hiệu của văn bản; `portal fix --write` sửa tự động.",
            bad=(
                _PLAN.replace(
                    "Nội dung kế hoạch.",
                    "Thực hiện Kế hoạch số 74 /KH-VPUB ngày 15/12/2025 của Văn phòng.",
                )
            ),
            good=(
                _PLAN.replace(
                    "Nội dung kế hoạch.",
                    "Thực hiện Kế hoạch số 74/KH-VPUB ngày 15/12/2025 của Văn phòng.",
                )
            ),
            fixable=True,
        ),
        # -- D: dialogues --------------------------------------------------------------------
        Rule(
            code="D001",
            name="event-ends-before-start",
            severity=E,
            title="Hội nghị kết thúc trước khi bắt đầu",
            what="`event.end` không muộn hơn `event.start`.",
            why="Người dân đọc lịch đối thoại trên cổng; giờ sai làm họ đến nhầm.",
            fix=(
                "Kiểm tra giờ bắt đầu và kết thúc, ví dụ `start: 2025-09-26 14:00`, "
                "`end: 2025-09-26 17:00`."
            ),
            bad=_plan(extra="event:\n  start: 2025-09-26 17:00\n  end: 2025-09-26 14:00"),
            good=_plan(extra="event:\n  start: 2025-09-26 14:00\n  end: 2025-09-26 17:00"),
        ),
        Rule(
            code="D002",
            name="petitions-close-after-event",
            severity=E,
            title="Hạn nhận kiến nghị muộn hơn ngày đối thoại",
            what="`petitions.end` muộn hơn thời điểm bắt đầu hội nghị đối thoại (`event.start`).",
            why="Kiến nghị phải nhận xong trước hội nghị để kịp tổng hợp, trả lời.",
            fix="Kiểm tra lại thời gian nhận kiến nghị và ngày đối thoại trong thông báo.",
            bad=_plan(extra=_DIALOGUE + "\n  end: 2025-09-30"),
            good=_plan(extra=_DIALOGUE + "\n  end: 2025-09-15"),
        ),
        Rule(
            code="D003",
            name="petitions-close-before-open",
            severity=E,
            title="Thời gian nhận kiến nghị kết thúc trước khi bắt đầu",
            what="`petitions.end` sớm hơn `petitions.start`.",
            why="Người dân sẽ thấy một khoảng thời gian không thể có.",
            fix="Đổi lại hai ngày cho đúng thứ tự.",
            bad=_plan(extra="petitions:\n  start: 2025-09-15\n  end: 2025-08-25"),
            good=_plan(extra="petitions:\n  start: 2025-08-25\n  end: 2025-09-15"),
        ),
        # -- A: attachments -----------------------------------------------------------------
        Rule(
            code="A001",
            name="attachment-missing",
            severity=E,
            title="Không tìm thấy tệp đính kèm",
            what=(
                "Một mục trong `attachments` trỏ tới tệp không có, hoặc nằm ngoài thư mục content/."
            ),
            why=(
                "Nghị định 42/2022/NĐ-CP yêu cầu cho tải bản gốc; liên kết hỏng làm người dân "
                "không tải được văn bản."
            ),
            fix="Đặt tệp (PDF bản đã ký) cạnh tệp .md của văn bản và ghi đúng tên tệp.",
            bad=_plan(extra="attachments:\n  - file: khong-co.pdf\n    title: Bản ký số"),
            good=_plan(extra="attachments:\n  - file: ban-goc.pdf\n    title: Bản ký số"),
        ),
        # -- B: the body ---------------------------------------------------------------------
        Rule(
            code="B001",
            name="unsafe-html",
            severity=E,
            title="HTML có thể chạy mã",
            what=(
                "Nội dung, khi dựng thành HTML, có thẻ `<script>`, `<style>`, `<iframe>`, `<svg>`, "
                "`<form>`..., thuộc tính `on...=` hay `style=`, hoặc liên kết `javascript:`, "
                "`data:`. Kiểm tra đọc chính HTML được đăng, nên không lách được bằng cách viết "
                "khác đi; phần đó bị lược bỏ khi đăng."
            ),
            why="Mã chạy được trên cổng có thể đánh cắp thông tin hoặc thay đổi trang của cơ quan.",
            fix="Xóa đoạn HTML đó. Video, bản đồ hay biểu mẫu cần nhúng thì nhờ quản trị kỹ thuật.",
            bad=_PLAN.replace("Nội dung kế hoạch.", 'Nội dung <script>alert("x")</script>'),
            good=_PLAN,
        ),
        Rule(
            code="B002",
            name="doubled-word",
            severity=W,
            title="Từ bị lặp",
            what="Một từ (một hoặc hai âm tiết) lặp lại liền nhau, ví dụ 'kiến nghị kiến nghị'.",
            why="Lỗi gõ thường gặp khi sửa văn bản; trên văn bản chính thức nó gây phản cảm.",
            fix="Xóa từ lặp. Từ láy có chủ ý (ngày ngày, người người...) không bị báo.",
            bad=_PLAN.replace("Nội dung kế hoạch.", "Tiếp nhận kiến nghị kiến nghị của nhân dân."),
            good=_PLAN.replace("Nội dung kế hoạch.", "Tiếp nhận kiến nghị của nhân dân."),
        ),
        Rule(
            code="B003",
            name="personal-data",
            severity=W,
            title="Có thể có thông tin cá nhân",
            what=(
                "Nội dung có số điện thoại di động, địa chỉ thư điện tử cá nhân (gmail, yahoo...) "
                "hoặc dãy 12 chữ số giống số định danh cá nhân (CCCD)."
            ),
            why=(
                "Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân: không công khai thông tin cá "
                "nhân của người dân khi không cần thiết."
            ),
            fix=(
                "Xóa hoặc che bớt (0912 xxx xxx). Số máy bàn và thư công vụ (@sonla.gov.vn) của cơ "
                "quan không bị báo."
            ),
            bad=_PLAN.replace("Nội dung kế hoạch.", "Liên hệ ông A, số 0912 345 678."),
            good=_PLAN.replace("Nội dung kế hoạch.", "Liên hệ Văn phòng, số 0212 3852 000."),
        ),
        Rule(
            code="B004",
            name="html-removed",
            severity=W,
            title="HTML bị lược bỏ khi đăng",
            what=(
                "Nội dung có thẻ hay thuộc tính HTML ngoài danh sách Cổng cho phép (ví dụ "
                "`<font>`, `class=`, ảnh lấy từ trang khác, liên kết `ftp:`): khi đăng, phần đó bị "
                "lược bỏ, chữ vẫn giữ."
            ),
            why=(
                "Trang công khai chỉ giữ những gì văn bản hành chính cần; kiểm tra báo trước để "
                "người biên tập thấy đúng những gì sẽ đăng."
            ),
            fix=(
                "Dùng Markdown: `**đậm**`, `*nghiêng*`, bảng, danh sách, liên kết http(s); đặt "
                "hình ảnh trong content/ cạnh văn bản."
            ),
            bad=_PLAN.replace("Nội dung kế hoạch.", '<font color="red">Quan trọng</font>'),
            good=_PLAN.replace("Nội dung kế hoạch.", "**Quan trọng**"),
        ),
        Rule(
            code="B005",
            name="unclosed-comment",
            severity=E,
            title="Chú thích HTML không đóng",
            what="Nội dung có `<!--` mà không có `-->` phía sau.",
            why=(
                "Phần còn lại của nội dung bị ẩn khỏi trang, hoặc ghi chú nội bộ hiện ra cho người "
                "đọc, tùy trình dựng trang."
            ),
            fix="Thêm `-->` ở cuối ghi chú, hoặc xóa `<!--`.",
            bad=_PLAN.replace("Nội dung kế hoạch.", "Nội dung kế hoạch. <!-- ghi chú nội bộ"),
            good=_PLAN.replace("Nội dung kế hoạch.", "Nội dung kế hoạch. <!-- ghi chú nội bộ -->"),
        ),
        Rule(
            code="B006",
            name="body-too-complex",
            severity=E,
            title="Nội dung quá nhiều dấu mở liên kết hay mã",
            what=(
                "Một đoạn văn có rất nhiều dấu `[` hoặc dấu `` ` `` (thường do dán dữ liệu): trình "
                "dựng trang tìm dấu đóng cho từng dấu, thời gian tăng theo bình phương độ dài."
            ),
            why="Một tệp như vậy làm việc dựng cả Cổng mất hàng phút hoặc treo.",
            fix=(
                "Tách đoạn văn (một dòng trống giữa các đoạn), hoặc thêm `\\` trước các dấu `[` và "
                "`` ` `` không dùng để tạo liên kết hay mã."
            ),
            bad=_PLAN.replace("Nội dung kế hoạch.", "Bảng mã: " + "[1] " * 200),
            good=_PLAN.replace("Nội dung kế hoạch.", "Bảng mã: " + "\\[1] " * 200),
        ),
        # -- P: citizens' petitions ------------------------------------------------------
        Rule(
            code="P001",
            name="petition-answer-missing",
            severity=E,
            title="Kiến nghị đã trả lời nhưng thiếu ngày hoặc nội dung trả lời",
            what=(
                "Kiến nghị ghi `state: answered` nhưng không có `answered` (ngày trả lời) hoặc "
                "không có nội dung trả lời sau phần thông tin."
            ),
            why=(
                "Trang Hỏi đáp – Kiến nghị đăng câu trả lời và ngày trả lời; thiếu một trong hai "
                "thì người dân không biết kiến nghị được trả lời thế nào, khi nào."
            ),
            fix=(
                "Thêm `answered: YYYY-MM-DD` và ghi câu trả lời sau dòng `---`; chưa trả lời thì "
                "ghi `state: processing`."
            ),
            bad=_petition("answered: 2025-12-22\n", ""),
            good=_PETITION,
        ),
        Rule(
            code="P002",
            name="petition-answered-before-received",
            severity=E,
            title="Ngày trả lời trước ngày tiếp nhận",
            what="`answered` sớm hơn `received`.",
            why=(
                "Không thể trả lời một kiến nghị trước khi nhận nó: một trong hai ngày ghi sai, và "
                "thống kê hạn trả lời sẽ sai theo."
            ),
            fix="Đối chiếu sổ tiếp nhận và văn bản trả lời, sửa ngày ghi sai.",
            bad=_petition("answered: 2025-12-22", "answered: 2025-12-01"),
            good=_PETITION,
        ),
        Rule(
            code="P003",
            name="petition-personal-data",
            severity=E,
            title="Hồ sơ kiến nghị có thông tin cá nhân",
            what=(
                "Ở bất kỳ chỗ nào của tệp kiến nghị (phần thông tin, chú thích, câu trả lời) có họ "
                "tên sau ông/bà/anh/chị/cô/chú..., số điện thoại, địa chỉ thư điện tử, số CCCD (12 "
                "chữ số) hay CMND (9 chữ số), địa chỉ nhà có số nhà."
            ),
            why=(
                "Kho nội dung và trang công khai không phải nơi lưu thông tin cá nhân của người "
                "dân (Nghị định 13/2023/NĐ-CP); thông tin người gửi chỉ lưu ở sổ tiếp nhận của cơ "
                "quan."
            ),
            fix=(
                'Xóa thông tin đó hoặc viết chung: "một công dân ở phường Chiềng Lề", không ghi '
                "tên, số điện thoại hay số nhà. Địa bàn chỉ ghi đến xã, phường trong `from_place`."
            ),
            bad=_petition("question: Đề nghị", "question: Ông Nguyễn Văn Hùng đề nghị"),
            good=_PETITION,
        ),
        Rule(
            code="P004",
            name="petition-unknown-area",
            severity=W,
            title="Lĩnh vực kiến nghị không có trong danh sách",
            what=(
                "`area` không thuộc danh sách lĩnh vực `petition_areas` của plugin portal trong "
                "mkdocs.yml."
            ),
            why=(
                "Trang Hỏi đáp xếp kiến nghị theo lĩnh vực và báo cáo hằng tháng đếm theo lĩnh "
                "vực; một cách viết khác tạo ra một lĩnh vực lẻ."
            ),
            fix=(
                'Chọn một lĩnh vực có sẵn ("Tiếp công dân", "Thủ tục hành chính", "Hành chính - '
                'Quản trị", "Đất đai", "Xây dựng", "Chế độ, chính sách", "Khác"), hoặc thêm '
                "lĩnh vực mới vào `petition_areas`."
            ),
            bad=_petition("area: Thủ tục hành chính", "area: Thủ tục HC"),
            good=_PETITION,
        ),
        Rule(
            code="P005",
            name="petition-overdue",
            severity=W,
            title="Kiến nghị quá hạn chưa trả lời",
            what=(
                "Kiến nghị chưa trả lời (cũng chưa chuyển cơ quan khác) khi đã quá số ngày làm "
                "việc `petition_deadline_days` (mặc định 15, không tính thứ Bảy, Chủ nhật) kể từ "
                "ngày tiếp nhận."
            ),
            why=(
                "Văn phòng phải trả lời kiến nghị đúng hạn; cảnh báo nêu ngày hết hạn để kịp xử lý "
                "và để báo cáo ngày 20 hằng tháng nêu đúng số kiến nghị quá hạn."
            ),
            fix=(
                "Trả lời (`state: answered`, `answered`, nội dung trả lời) hoặc ghi "
                "`state: forwarded` khi đã chuyển cơ quan có thẩm quyền."
            ),
            bad=(
                _petition(
                    "state: answered\nanswered: 2025-12-22\nanswer_by: 74/KH-VPUB\n",
                    "state: processing\n",
                )
                .replace("received: 2025-12-16", "received: 2025-01-02")
                # No answer yet: the text after the closing `---` is dropped.
                .rsplit("---\n", 1)[0]
                + "---\n"
            ),
            good=_PETITION,
        ),
        Rule(
            code="P006",
            name="petition-key-missing",
            severity=E,
            title="Kiến nghị thiếu thông tin bắt buộc",
            what=(
                "Tệp `type: petition` thiếu một trong các khóa `received`, `channel`, `area`, "
                "`question`, `state`."
            ),
            why=(
                "Thiếu ngày tiếp nhận thì không tính được hạn trả lời; thiếu kênh, lĩnh vực hay "
                "tình trạng thì báo cáo hằng tháng đếm sai."
            ),
            fix="Thêm khóa còn thiếu, ví dụ `received: 2025-09-03`, `channel: hotline`.",
            bad=_petition("channel: hotline\n", ""),
            good=_PETITION,
        ),
        Rule(
            code="P007",
            name="petition-answer-by-unknown",
            severity=E,
            title="Văn bản trả lời kiến nghị không có trên Cổng",
            what="`answer_by` ghi số ký hiệu không có văn bản nào mang, hoặc của một bản nháp.",
            why="Trang hỏi đáp liên kết tới văn bản trả lời; số sai thì liên kết hỏng.",
            fix=(
                "Ghi đúng số ký hiệu của văn bản trả lời đã đăng; văn bản của cơ quan khác thì "
                "thêm một tệp thông tin trong content/dan-chieu/."
            ),
            bad=_petition("answer_by: 74/KH-VPUB", "answer_by: 99/KH-VPUB"),
            good=_PETITION,
        ),
        Rule(
            code="P008",
            name="petition-dialogue-unknown",
            severity=E,
            title="Hội nghị đối thoại của kiến nghị không tra được",
            what=(
                "`dialogue` ghi số ký hiệu không có văn bản nào mang, hoặc của văn bản không phải "
                "thông báo tổ chức hội nghị đối thoại (không có `event` hay `petitions`)."
            ),
            why="Trang hỏi đáp liên kết kiến nghị với hội nghị đối thoại nơi nó được nêu.",
            fix=(
                "Ghi số của thông báo tổ chức hội nghị, ví dụ `dialogue: 340/TB-VPUB`; kiến nghị "
                "không nêu tại hội nghị thì bỏ khóa `dialogue`."
            ),
            bad=_petition("answer_by: 74/KH-VPUB", "answer_by: 74/KH-VPUB\ndialogue: 74/KH-VPUB"),
            good=_PETITION,
        ),
        Rule(
            code="P009",
            name="petition-state-mismatch",
            severity=W,
            title="Có ngày trả lời nhưng tình trạng chưa phải đã trả lời",
            what=(
                "Kiến nghị có `answered` nhưng `state` là `received`, `processing` hay `forwarded`."
            ),
            why=(
                "Chỉ kiến nghị `state: answered` được đăng: kiến nghị đã trả lời mà ghi sai tình "
                "trạng sẽ không hiện trên trang, và báo cáo tháng đếm sai."
            ),
            fix="Đã trả lời thì ghi `state: answered`; chưa trả lời thì xóa `answered`.",
            bad=_petition("state: answered", "state: processing"),
            good=_PETITION,
        ),
    ]
}


def diagnostic(
    code: str, file: str, line: int, message: str, column: int | None = None
) -> Diagnostic:
    """Make a diagnostic whose severity comes from the catalogue, so it is stated once."""
    return Diagnostic(file, line, column, code, RULES[code].severity, message)


def explain(code: str) -> str:
    """The catalogue entry as text, for ``portal explain``."""
    rule = RULES[code]
    lines = [
        f"{rule.code} {rule.name} ({rule.severity.label}): {rule.title}",
        "",
        f"Là gì: {rule.what}",
        f"Vì sao: {rule.why}",
        f"Cách sửa: {rule.fix}",
        "Sửa tự động: "
        + (
            "có, `portal fix --write` sửa được lỗi này."
            if rule.fixable
            else "không, `portal fix` không sửa lỗi này; cần sửa trong tệp."
        ),
        "",
        "Ví dụ sai:",
        _indent(rule.bad),
        "Ví dụ đúng:",
        _indent(rule.good),
    ]
    return "\n".join(lines)


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.rstrip("\n").split("\n"))
