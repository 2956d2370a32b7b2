"""The catalogue of diagnostic codes: the one place each rule is documented.

Editors search for a code, tests assert on codes, and ``portal explain CODE`` prints the entry.
Every entry's bad example must raise its code and its good example must not; the test suite runs
them through the real checker (alongside the documents in ``tests/fixtures/context``).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.diagnostics import Diagnostic, Severity


@dataclass(frozen=True)
class Rule:
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


_DIALOGUE = "event:\n  start: 2025-09-26 14:00\npetitions:\n  start: 2025-08-25"


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
            "F001",
            "file-not-utf8",
            E,
            "Tệp không phải UTF-8",
            "Tệp chứa byte không đọc được theo bảng mã UTF-8.",
            "Cổng thông tin dùng Unicode UTF-8 (TCVN 6909); tệp lưu bằng bảng mã cũ (TCVN3, VNI, "
            "Windows-1258) sẽ hiện chữ lỗi trên trang công khai.",
            "Mở tệp bằng trình soạn thảo, chọn lưu lại với bảng mã UTF-8. Nếu văn bản gõ bằng "
            "phông TCVN3 hoặc VNI, chuyển mã sang Unicode (ví dụ bằng Unikey) rồi dán lại.",
            "(tệp lưu bằng bảng mã Windows-1258)",
            _PLAN,
            bad_bytes=_PLAN.replace("Nội dung", "N\xf4i dung").encode("latin-1", "replace"),
        ),
        Rule(
            "F002",
            "text-not-nfc",
            W,
            "Chữ Việt chưa ở dạng dựng sẵn (NFC)",
            "Có chữ có dấu được gõ ở dạng tổ hợp (NFD: chữ cái và dấu là hai ký tự riêng).",
            "Cùng một chữ ở hai dạng khác nhau thì tìm kiếm và so sánh không khớp; "
            "TCVN 6909 dùng dạng dựng sẵn.",
            "Chạy `portal fix --write` để chuẩn hóa, hoặc đặt bộ gõ ở chế độ Unicode dựng sẵn.",
            _PLAN.replace("Nội dung", "No\u0302\u0323i dung"),
            _PLAN,
        ),
        Rule(
            "F003",
            "frontmatter-missing",
            E,
            "Thiếu phần thông tin đầu tệp",
            "Tệp không bắt đầu bằng dòng `---` mở phần thông tin (frontmatter YAML).",
            "Số ký hiệu, ngày ban hành, trích yếu... được đọc từ phần này; thiếu nó thì không "
            "biết tệp là văn bản gì.",
            "Thêm ở đầu tệp một khối bắt đầu và kết thúc bằng dòng `---`, trong đó ghi `type`, "
            "`title`, `status`.",
            "Nội dung kế hoạch.\n",
            _PLAN,
        ),
        Rule(
            "F004",
            "frontmatter-unclosed",
            E,
            "Phần thông tin đầu tệp chưa đóng",
            "Có dòng `---` mở đầu nhưng không có dòng `---` đóng lại.",
            "Không có dòng đóng thì toàn bộ nội dung bị hiểu nhầm là thông tin.",
            "Thêm một dòng chỉ gồm `---` ngay sau khóa cuối cùng, trước nội dung văn bản.",
            _PLAN.replace("status: published\n---\n", "status: published\n"),
            _PLAN,
        ),
        Rule(
            "F005",
            "yaml-syntax",
            E,
            "Lỗi cú pháp YAML",
            "Phần thông tin không đọc được theo cú pháp YAML.",
            "Một lỗi cú pháp làm mất toàn bộ thông tin của văn bản.",
            "Xem dòng được báo: thường do thiếu dấu cách sau dấu `:`, thụt lề không đều, hoặc "
            "giá trị chứa `: ` hay `#` mà chưa đặt trong dấu ngoặc kép.",
            _plan("title: Đối thoại", 'title: "Đối thoại'),
            _PLAN,
        ),
        Rule(
            "F006",
            "file-empty",
            E,
            "Tệp rỗng",
            "Tệp không có nội dung.",
            "Một tệp rỗng thường là tệp tạo nhầm hoặc lưu hỏng; nó không thể thành văn bản.",
            "Xóa tệp, hoặc khôi phục nội dung từ lịch sử git (`git log -- <tệp>`).",
            "",
            _PLAN,
            bad_bytes=b"",
        ),
        Rule(
            "F007",
            "file-too-large",
            E,
            "Tệp quá lớn",
            "Tệp Markdown lớn hơn 2 MiB, hoặc phần thông tin đầu tệp lớn hơn 64 KiB.",
            "Một văn bản hành chính không dài đến vậy; tệp lớn thường là tệp nhị phân đặt nhầm "
            "đuôi `.md` và làm trang tải chậm trên điện thoại.",
            "Đưa bản gốc (PDF, DOCX) vào `attachments`, chỉ giữ nội dung chữ trong tệp `.md`.",
            "(tệp 3 MiB)",
            _PLAN,
            bad_bytes=_PLAN.encode() + b"x" * (3 * 1024 * 1024),
        ),
        Rule(
            "F008",
            "file-binary",
            E,
            "Tệp nhị phân mang đuôi .md",
            "Tệp chứa byte NUL: đó là tệp nhị phân (ảnh, PDF, DOCX) chứ không phải văn bản.",
            "Tệp nhị phân không hiển thị được thành trang.",
            "Đổi đuôi tệp cho đúng và khai báo nó trong `attachments` của văn bản.",
            "(tệp PDF đổi tên thành .md)",
            _PLAN,
            bad_bytes=b"%PDF-1.7\n\x00\x01\x02binary",
        ),
        Rule(
            "F009",
            "yaml-alias-or-nesting",
            E,
            "YAML dùng tham chiếu (&, *) hoặc lồng quá sâu",
            "Phần thông tin dùng neo `&` / tham chiếu `*` của YAML, hoặc lồng nhau quá 20 tầng.",
            "Văn bản không cần các cấu trúc này; chúng có thể làm chương trình treo "
            "(tấn công 'billion laughs').",
            "Viết trực tiếp giá trị thay cho tham chiếu; bỏ các tầng lồng thừa.",
            _plan("status: published", "status: &s published\nplace: *s"),
            _PLAN,
        ),
        Rule(
            "F010",
            "frontmatter-not-mapping",
            E,
            "Phần thông tin không phải danh sách khóa: giá trị",
            "Phần thông tin phải là các dòng `khóa: giá trị`, nhưng ở đây là một danh sách hoặc "
            "một chuỗi.",
            "Không có khóa thì không biết đâu là số ký hiệu, đâu là trích yếu.",
            "Viết mỗi thông tin trên một dòng dạng `khóa: giá trị`, không mở đầu bằng `- `.",
            "---\n- type: plan\n- title: Kế hoạch\n---\nNội dung.\n",
            _PLAN,
        ),
        Rule(
            "F011",
            "byte-order-mark",
            W,
            "Tệp có ký tự BOM ở đầu",
            "Tệp bắt đầu bằng ký tự vô hình BOM (U+FEFF) do một số trình soạn thảo thêm vào.",
            "BOM vô hình nhưng làm một số công cụ không nhận ra dòng `---` mở đầu.",
            "Chạy `portal fix --write`, hoặc lưu lại với bảng mã 'UTF-8' (không phải 'UTF-8 BOM').",
            "(tệp lưu dạng UTF-8 BOM)",
            _PLAN,
            bad_bytes=b"\xef\xbb\xbf" + _PLAN.encode(),
        ),
        # -- M: metadata keys and values ----------------------------------------------------
        Rule(
            "M001",
            "duplicate-key",
            E,
            "Một khóa khai báo hai lần",
            "Cùng một khóa xuất hiện hai lần trong phần thông tin.",
            "YAML chỉ giữ giá trị sau cùng nên giá trị trước bị mất mà không ai hay.",
            "Giữ một dòng với giá trị đúng, xóa dòng còn lại.",
            _plan("status: published", "status: draft\nstatus: published"),
            _PLAN,
        ),
        Rule(
            "M002",
            "unknown-key",
            E,
            "Khóa không được hỗ trợ",
            "Phần thông tin có khóa mà chương trình không biết (thường do gõ nhầm).",
            "Thông tin ghi dưới khóa gõ nhầm sẽ không hiện trên trang: mất mà không ai hay.",
            "Sửa tên khóa theo gợi ý 'có phải ý bạn là'; danh sách khóa có trong README.",
            _plan("title:", "titel:"),
            _PLAN,
        ),
        Rule(
            "M003",
            "wrong-type",
            E,
            "Giá trị sai kiểu",
            "Giá trị không đúng kiểu khóa yêu cầu: cần danh sách mà ghi một chuỗi, cần ngày "
            "`YYYY-MM-DD` mà ghi kiểu khác, cần chuỗi mà ghi danh sách...",
            "Giá trị sai kiểu không dùng được để hiển thị, sắp xếp hay liên kết.",
            "Ghi theo mẫu trong thông báo: ngày dạng `2025-12-16`, danh sách mỗi mục một dòng "
            "bắt đầu bằng `- `.",
            _plan("issued: 2025-12-16", "issued: 16/12/2025"),
            _PLAN,
        ),
        Rule(
            "M004",
            "impossible-date",
            E,
            "Ngày không có thật",
            "Ngày đúng mẫu `YYYY-MM-DD` nhưng không tồn tại trên lịch, ví dụ 2025-02-30.",
            "Ngày sai làm văn bản sắp xếp sai và dẫn chiếu không khớp.",
            "Kiểm tra lại ngày trên bản giấy đã ký.",
            _plan("issued: 2025-12-16", "issued: 2025-02-30"),
            _PLAN,
        ),
        Rule(
            "M005",
            "required-missing",
            E,
            "Thiếu thông tin bắt buộc",
            "Thiếu `type`, `title` hoặc `status`; hoặc văn bản đã `published` mà thiếu `number` "
            "hay `issued`.",
            "Nghị định 42/2022/NĐ-CP yêu cầu văn bản đăng trên cổng có số ký hiệu, ngày ban "
            "hành và trích yếu.",
            "Thêm khóa còn thiếu. Văn bản chưa có số thì để `status: draft` cho đến khi ký "
            "ban hành.",
            _plan("issued: 2025-12-16\n", ""),
            _PLAN,
        ),
        Rule(
            "M006",
            "invalid-value",
            E,
            "Giá trị không nằm trong danh sách cho phép",
            "Các khóa `type`, `status`, `validity`, `signer.mode` chỉ nhận một số giá trị cố định.",
            "Giá trị lạ không xếp được vào chuyên mục nào.",
            "Chọn một giá trị theo gợi ý trong thông báo.",
            _plan("status: published", "status: publish"),
            _PLAN,
        ),
        # -- N: number and symbol (số, ký hiệu) ----------------------------------------------
        Rule(
            "N001",
            "number-form",
            E,
            "Số ký hiệu sai thể thức",
            "Số ký hiệu không theo thể thức của Nghị định 30/2020/NĐ-CP: văn bản nhà nước "
            "`Số/LOẠI-CƠQUAN` (340/TB-VPUB), văn bản của Đảng `Số-LOẠI/CƠQUAN` (429-QĐ/TU), "
            "văn bản quy phạm `Số/Năm/LOẠI-CƠQUAN` (30/2020/NĐ-CP); không có dấu cách.",
            "Số ký hiệu là khóa để tra cứu và dẫn chiếu; sai thể thức thì không tìm thấy văn bản.",
            "Chép đúng số ký hiệu in trên văn bản, bỏ dấu cách và chữ 'Số:'.",
            _plan("75/KH-VPUB", "75 / KH-VPUB"),
            _PLAN,
        ),
        Rule(
            "N002",
            "number-leading-zero",
            E,
            "Số nhỏ hơn 10 thiếu số 0 ở đầu",
            "Theo Nghị định 30/2020/NĐ-CP, số văn bản nhỏ hơn 10 phải ghi thêm số 0: `05/KH-VPUB`.",
            "Thiếu số 0 thì 5/KH-VPUB và 05/KH-VPUB bị coi là hai văn bản khác nhau.",
            "Thêm số 0 ở đầu (`portal fix --write` làm việc này).",
            _plan("75/KH-VPUB", "5/KH-VPUB"),
            _plan("75/KH-VPUB", "05/KH-VPUB"),
        ),
        Rule(
            "N003",
            "number-type-mismatch",
            E,
            "Ký hiệu loại văn bản không khớp với `type`",
            "Phần chữ viết tắt trong số ký hiệu (KH, TB, BC...) không đúng với loại văn bản "
            "khai báo ở `type` (theo Phụ lục III Nghị định 30/2020/NĐ-CP).",
            "Một trong hai đang sai: văn bản sẽ nằm sai chuyên mục hoặc dẫn chiếu sai.",
            "Sửa `type` hoặc số ký hiệu cho khớp: plan ↔ KH, agenda ↔ CTr, notice và "
            "conclusion ↔ TB, report ↔ BC, decision ↔ QĐ...",
            _plan("75/KH-VPUB", "75/TB-VPUB"),
            _PLAN,
        ),
        Rule(
            "N004",
            "number-duplicate",
            E,
            "Số văn bản bị trùng trong cùng sổ",
            "Hai văn bản cùng cơ quan, cùng loại, cùng năm (văn bản của Đảng: cùng nhiệm kỳ) "
            "mang cùng một số.",
            "Mỗi số chỉ cấp một lần trong năm; trùng số là nhầm lẫn khi nhập hoặc sao chép tệp.",
            "Kiểm tra số trên bản đã ký; sửa tệp ghi nhầm.",
            _plan("75/KH-VPUB", "74/KH-VPUB"),
            _PLAN,
        ),
        # -- R: references between documents -----------------------------------------------
        Rule(
            "R001",
            "reference-unresolved",
            E,
            "Văn bản dẫn chiếu không có trong kho",
            "Một số ký hiệu trong `references` (hoặc `amends`, `replaces`) không khớp văn bản "
            "nào trong `content/`.",
            "Liên kết sẽ hỏng và người đọc không tra được căn cứ.",
            "Kiểm tra số ký hiệu; nếu đúng, thêm một tệp ghi thông tin văn bản đó (chỉ phần "
            "thông tin, không cần nội dung).",
            _plan(extra="references:\n  - 99/KH-VPUB"),
            _plan(extra="references:\n  - 74/KH-VPUB"),
        ),
        Rule(
            "R002",
            "reference-to-draft",
            E,
            "Văn bản đã ban hành dẫn chiếu bản nháp",
            "Một văn bản `published` dẫn chiếu văn bản còn `status: draft`.",
            "Bản nháp không hiện trên cổng nên liên kết trên trang công khai sẽ hỏng.",
            "Ban hành văn bản được dẫn chiếu trước, hoặc giữ văn bản này ở dạng nháp.",
            _plan(extra="references:\n  - 12/TB-VPUB"),
            _plan(extra="references:\n  - 74/KH-VPUB"),
        ),
        Rule(
            "R003",
            "reference-to-later",
            E,
            "Dẫn chiếu văn bản ban hành sau",
            "Văn bản dẫn chiếu một văn bản có ngày ban hành muộn hơn chính nó.",
            "Không thể căn cứ vào văn bản chưa ra đời: một trong hai ngày đang sai.",
            "Kiểm tra `issued` của cả hai văn bản, hoặc bỏ dẫn chiếu sai.",
            _plan("2025-12-16", "2025-12-01", extra="references:\n  - 74/KH-VPUB"),
            _plan(extra="references:\n  - 74/KH-VPUB"),
        ),
        # -- C: citations in running text -------------------------------------------------
        Rule(
            "C001",
            "citation-date-mismatch",
            E,
            "Ngày trong câu dẫn chiếu sai",
            "Câu dẫn chiếu trong nội dung ghi một ngày khác với ngày ban hành (`issued`) của văn "
            "bản mang số ký hiệu đó, hoặc một ngày không có trên lịch.",
            "Dẫn chiếu sai ngày trên văn bản chính thức là sai sót phải đính chính.",
            "Sửa ngày trong câu cho đúng bản gốc; nếu chính `issued` của văn bản kia sai, sửa ở "
            "tệp đó.",
            _PLAN.replace(
                "Nội dung kế hoạch.",
                "Thực hiện Kế hoạch số 74/KH-VPUB ngày 16/12/2025 của Văn phòng.",
            ),
            _PLAN.replace(
                "Nội dung kế hoạch.",
                "Thực hiện Kế hoạch số 74/KH-VPUB ngày 15/12/2025 của Văn phòng.",
            ),
        ),
        Rule(
            "C002",
            "citation-type-mismatch",
            E,
            "Tên loại văn bản trong câu dẫn chiếu không khớp ký hiệu",
            "Câu dẫn chiếu gọi văn bản bằng một tên loại (Kế hoạch, Thông báo...) trái với ký hiệu "
            "trong số của nó, ví dụ 'Kế hoạch số 340/TB-VPUB'.",
            "Một trong hai đang sai: người đọc không biết văn bản nào được dẫn chiếu.",
            "Sửa tên loại hoặc số ký hiệu cho khớp với bản gốc: KH là Kế hoạch, TB là Thông báo, "
            "BC là Báo cáo, CTr là Chương trình, QĐ là Quyết định (văn bản Đảng: cả Quy định)...",
            _PLAN.replace("Nội dung kế hoạch.", "Thực hiện Thông báo số 74/KH-VPUB."),
            _PLAN.replace("Nội dung kế hoạch.", "Thực hiện Kế hoạch số 74/KH-VPUB."),
        ),
        Rule(
            "C003",
            "citation-unknown",
            W,
            "Văn bản được dẫn chiếu chưa có trong kho",
            "Nội dung dẫn chiếu một số ký hiệu không khớp văn bản nào trong `content/`.",
            "Không có văn bản đích thì không tạo được liên kết, và không kiểm tra được ngày.",
            "Kiểm tra số ký hiệu; nếu đúng, thêm một tệp trong `content/dan-chieu/` chỉ gồm phần "
            "thông tin (type, number, issued, title, issuer, status: published).",
            _PLAN.replace("Nội dung kế hoạch.", "Căn cứ Quyết định số 99/QĐ-UBND ngày 02/01/2025."),
            _PLAN.replace("Nội dung kế hoạch.", "Căn cứ Quy định số 429-QĐ/TU ngày 01/7/2022."),
        ),
        Rule(
            "C004",
            "citation-spelling",
            W,
            "Số ký hiệu trong câu dẫn chiếu viết khác bản đăng ký",
            "Câu dẫn chiếu ghi số ký hiệu có dấu cách, thiếu hoặc thừa dấu gạch, chữ hoa chữ "
            "thường khác (`74 /KH-VPUB`, `QĐ-TTG`) so với số ký hiệu của văn bản trong kho.",
            "Công cụ vẫn nhận ra và tạo liên kết, nhưng văn bản công bố phải ghi số ký hiệu đúng "
            "thể thức (Nghị định 30/2020/NĐ-CP), để người đọc tìm được văn bản.",
            "Viết lại đúng như số ký hiệu của văn bản; `portal fix --write` sửa tự động.",
            _PLAN.replace(
                "Nội dung kế hoạch.",
                "Thực hiện Kế hoạch số 74 /KH-VPUB ngày 15/12/2025 của Văn phòng.",
            ),
            _PLAN.replace(
                "Nội dung kế hoạch.",
                "Thực hiện Kế hoạch số 74/KH-VPUB ngày 15/12/2025 của Văn phòng.",
            ),
        ),
        # -- D: dialogues --------------------------------------------------------------------
        Rule(
            "D001",
            "event-ends-before-start",
            E,
            "Hội nghị kết thúc trước khi bắt đầu",
            "`event.end` không muộn hơn `event.start`.",
            "Người dân đọc lịch đối thoại trên cổng; giờ sai làm họ đến nhầm.",
            "Kiểm tra giờ bắt đầu và kết thúc, ví dụ `start: 2025-09-26 14:00`, "
            "`end: 2025-09-26 17:00`.",
            _plan(extra="event:\n  start: 2025-09-26 17:00\n  end: 2025-09-26 14:00"),
            _plan(extra="event:\n  start: 2025-09-26 14:00\n  end: 2025-09-26 17:00"),
        ),
        Rule(
            "D002",
            "petitions-close-after-event",
            E,
            "Hạn nhận kiến nghị muộn hơn ngày đối thoại",
            "`petitions.end` muộn hơn thời điểm bắt đầu hội nghị đối thoại (`event.start`).",
            "Kiến nghị phải nhận xong trước hội nghị để kịp tổng hợp, trả lời.",
            "Kiểm tra lại thời gian nhận kiến nghị và ngày đối thoại trong thông báo.",
            _plan(extra=_DIALOGUE + "\n  end: 2025-09-30"),
            _plan(extra=_DIALOGUE + "\n  end: 2025-09-15"),
        ),
        Rule(
            "D003",
            "petitions-close-before-open",
            E,
            "Thời gian nhận kiến nghị kết thúc trước khi bắt đầu",
            "`petitions.end` sớm hơn `petitions.start`.",
            "Người dân sẽ thấy một khoảng thời gian không thể có.",
            "Đổi lại hai ngày cho đúng thứ tự.",
            _plan(extra="petitions:\n  start: 2025-09-15\n  end: 2025-08-25"),
            _plan(extra="petitions:\n  start: 2025-08-25\n  end: 2025-09-15"),
        ),
        # -- A: attachments -----------------------------------------------------------------
        Rule(
            "A001",
            "attachment-missing",
            E,
            "Không tìm thấy tệp đính kèm",
            "Một mục trong `attachments` trỏ tới tệp không có, hoặc nằm ngoài thư mục content/.",
            "Nghị định 42/2022/NĐ-CP yêu cầu cho tải bản gốc; liên kết hỏng làm người dân không "
            "tải được văn bản.",
            "Đặt tệp (PDF bản đã ký) cạnh tệp .md của văn bản và ghi đúng tên tệp.",
            _plan(extra="attachments:\n  - file: khong-co.pdf\n    title: Bản ký số"),
            _plan(extra="attachments:\n  - file: ban-goc.pdf\n    title: Bản ký số"),
        ),
        # -- B: the body ---------------------------------------------------------------------
        Rule(
            "B001",
            "unsafe-html",
            E,
            "HTML có thể chạy mã",
            "Nội dung có thẻ `<script>`, `<iframe>`, `<object>`, `<embed>`, thuộc tính `on...=` "
            "hoặc liên kết `javascript:`.",
            "Mã chạy được trên cổng có thể đánh cắp thông tin hoặc thay đổi trang của cơ quan.",
            "Xóa đoạn HTML đó. Video, bản đồ hay biểu mẫu cần nhúng thì nhờ quản trị kỹ thuật.",
            _PLAN.replace("Nội dung kế hoạch.", 'Nội dung <script>alert("x")</script>'),
            _PLAN,
        ),
        Rule(
            "B002",
            "doubled-word",
            W,
            "Từ bị lặp",
            "Một từ (một hoặc hai âm tiết) lặp lại liền nhau, ví dụ 'kiến nghị kiến nghị'.",
            "Lỗi gõ thường gặp khi sửa văn bản; trên văn bản chính thức nó gây phản cảm.",
            "Xóa từ lặp. Từ láy có chủ ý (ngày ngày, người người...) không bị báo.",
            _PLAN.replace("Nội dung kế hoạch.", "Tiếp nhận kiến nghị kiến nghị của nhân dân."),
            _PLAN.replace("Nội dung kế hoạch.", "Tiếp nhận kiến nghị của nhân dân."),
        ),
        Rule(
            "B003",
            "personal-data",
            W,
            "Có thể có thông tin cá nhân",
            "Nội dung có số điện thoại di động, địa chỉ thư điện tử cá nhân (gmail, yahoo...) "
            "hoặc dãy 12 chữ số giống số định danh cá nhân (CCCD).",
            "Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân: không công khai thông tin cá nhân "
            "của người dân khi không cần thiết.",
            "Xóa hoặc che bớt (0912 xxx xxx). Số máy bàn và thư công vụ (@sonla.gov.vn) của cơ "
            "quan không bị báo.",
            _PLAN.replace("Nội dung kế hoạch.", "Liên hệ ông A, số 0912 345 678."),
            _PLAN.replace("Nội dung kế hoạch.", "Liên hệ Văn phòng, số 0212 3852 000."),
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
        "",
        "Ví dụ sai:",
        _indent(rule.bad),
        "Ví dụ đúng:",
        _indent(rule.good),
    ]
    return "\n".join(lines)


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.rstrip("\n").split("\n"))
