"""The demo cases' data (``cases/demo.py`` drives them through the services): the workers and employers
the applications name, and about sixty disputes of Tianhe, each with its story step by step.

Data only, written in the words of ``cases/demo_records.py``. Days count back from the day of seeding
(a ``Due`` is chosen then, so that some deadlines fall due today or within three days). A case is
recognised by its facts, so they must stay unique; editing a case's facts makes it a new case.
"""

from __future__ import annotations

from django.conf import settings

from accounts.demo_data import SHIPAI, TIANHE_INSTITUTE
from cases import deadlines
from cases.demo_records import (
    AGENT,
    ASYNC,
    COUNTER,
    MEDIATE,
    MEDIATE_OR_ASYNC,
    SELF,
    A,
    DemoCase,
    Due,
    P,
    R,
    accept,
    claim,
    conclude,
    consent,
    defence,
    employer,
    oral,
    serve,
    serve_defence,
    start_async,
    step,
    text,
    tribunal,
    worker,
)
from cases.models import ClaimCategory, Procedure, SuspensionGround

# Resident ID numbers: the district where first issued, the birth date, a serial (odd for men).
WORKERS = {
    "cai_weidong": worker("蔡伟东", "44088219910313135", "13711452308", "广州市天河区五山街茶山路18号"),
    "ye_jiaxin": worker("叶嘉欣", "44142419980716262", "13560271846", "广州市天河区天河南二路42号"),
    "wei_xiaojun": worker("韦小军", "45088119850402351", "18902276513", "广州市天河区林和村东街9号"),
    "pan_jianping": worker("潘建平", "43102219720918173", "13642718390", "广州市天河区石牌东路石牌村23号"),
    "yao_jianxin": worker("姚建新", "42112719830125217", "13825017764", "广州市天河区员村一横路5号"),
    "hu_xiaolin": worker("胡晓琳", "36082719960311028", "15013256087", "广州市天河区石牌西路112号"),
    "guo_zhenhua": worker("郭振华", "41282219930627415", "13719450236", "广州市天河区岗顶龙口东路3号"),
    "tang_xiaoyan": worker("唐小燕", "43102219941103246", "18826431905", "广州市天河区石牌村东约7号"),
    "zhou_junjie": worker("周俊杰", "44010619870822031", "13926580417", "广州市天河区猎德村西约15号"),
    "ma_chunhua": worker("马春花", "41282219760305468", "13418823650", "广州市天河区石牌村西约31号"),
    "xu_zhiqiang": worker("许志强", "44098219690214357", "13570162289", "广州市天河区龙口西路66号"),
    "cheng_guoliang": worker("程国良", "44010619610520013", "13602219475", "广州市天河区猎德大道8号"),
    "jin_baoyu": worker("金宝玉", "44011319900819122", "15920378641", "广州市天河区车陂村东街12号"),
    "long_zhiyong": worker("龙志勇", "52262619801011195", "13798204463", "广州市天河区林和西横路4号"),
    "ding_chunyan": worker("丁春燕", "34152319780407324", "18620735518", "广州市天河区员村四横路19号"),
    "lu_shaofen": worker("卢少芬", "44158119920130486", "13631482907", "广州市天河区天河南一路7号"),
    "dong_lihua": worker("董丽华", "51162119700623202", "13427590361", "广州市天河区龙洞村北街6号"),
    "peng_junhui": worker("彭俊辉", "43052119940917053", "13560914472", "广州市天河区五山路科华街30号"),
    "yuan_mingliang": worker("袁明亮", "42112719820308279", "13903051286", "广州市天河区天河南二路8号"),
    "zeng_yuzhen": worker("曾玉珍", "44142419780812506", "15876213390", "广州市天河区猎德村东约22号"),
    "xiao_hongmei": worker("肖红梅", "43062319910215128", "13688473025", "广州市天河区体育东路45号"),
    "song_lixin": worker("宋立新", "37068319890702411", "18922360574", "广州市天河区林和中路88号"),
    "zheng_xiaodong": worker("郑晓东", "44088319841229097", "13822471639", "广州市天河区员村三横路2号"),
    "xie_meiling": worker("谢美玲", "44010519930405060", "13533608214", "广州市天河区天河南一路52号"),
    "zhong_zhihua": worker("钟志华", "44142419970228133", "18718694025", "广州市天河区棠下村中约3号"),
    "gao_xiulan": worker("高秀兰", "51162119750909384", "13662289471", "广州市天河区员村西街11号"),
    "feng_guodong": worker("冯国栋", "44098219860512215", "13760418835", "广州市天河区棠下荷光路27号"),
    "deng_shufen": worker("邓淑芬", "44010619990321048", "15018832706", "广州市天河区车陂大街16号"),
    "jiang_xiaofang": worker("蒋小芳", "43102219900614526", "13510376948", "广州市天河区天河南二路21号"),
    "mo_jiahui": worker("莫家辉", "44010619950128071", "13672045183", "广州市天河区五山街华南农大西区"),
    "luo_jiahao": worker("罗家豪", "44158120000915113", "18520196637", "广州市天河区体育西横街6号"),
    "tian_zhigang": worker("田志刚", "51162119781204317", "13926704158", "广州市天河区车陂村北约14号"),
    "lv_desheng": worker("吕德胜", "41282219730530251", "13631270586", "广州市天河区石牌村南约18号"),
    "chen_zhiming": worker("陈志明", "44010619881017257", "13802763341", "广州市天河区林和东路77号"),
    "zhu_wenbin": worker("朱文斌", "36082719860104093", "13570803216", "广州市天河区员村二横路30号"),
    "wang_haibo": worker("汪海波", "34152319810723135", "13926318740", "广州市天河区猎德花园9栋"),
    "lu_xiaoqin": worker("陆晓琴", "44010619920419084", "13711602583", "广州市天河区天河南一路66号"),
    "wu_haiyan": worker("吴海燕", "43052119930827342", "15902016475", "广州市天河区体育东横街3号"),
    "tan_yongqiang": worker("谭永强", "45092319900305179", "13828473061", "广州市天河区沙河大街12号"),
    "li_qiuping": worker("黎秋萍", "44088319790616288", "13600046728", "广州市天河区兴华路21号"),
    "qin_lijuan": worker("覃丽娟", "45088119960208226", "18826053379", "广州市天河区天河南二路57号"),
    "liang_jiayi": worker("梁嘉怡", "44010619970512106", "13580417262", "广州市天河区林和西路3号"),
    "han_xuemei": worker("韩雪梅", "42112719890930064", "13763359028", "广州市天河区天河南一路33号"),
    "su_huimin": worker("苏慧敏", "44010519940113222", "13533417096", "广州市天河区猎德路16号"),
    "xu_lijuan": worker("徐丽娟", "44142419901122188", "13928074455", "广州市天河区岗顶天河路590号"),
    "cao_yongfu": worker("曹永福", "43102219750221393", "13416682031", "广州市天河区车陂路西街5号"),
    "ren_cuiying": worker("任翠英", "51162119770407140", "13672490815", "广州市天河区员村二横路41号"),
    "du_haitao": worker("杜海涛", "37068319920809035", "18620418756", "广州市天河区五山路141号"),
    "xiong_weidong": worker("熊卫东", "36082719870225271", "13560387219", "广州市天河区车陂大街38号"),
    "shen_jiaming": worker("沈家明", "44010619950903199", "13802240671", "广州市天河区石牌西路25号"),
    "liao_guoqing": worker("廖国庆", "44098219830710433", "13924085532", "广州市天河区沙东街先烈东路9号"),
    # The collective dispute: twelve building workers on one site in Chebei.
    "huang_deming": worker("黄德明", "45088119760512315", "13560418207", "广州市天河区车陂路工地宿舍"),
    "qin_jianhua": worker("覃建华", "45092319800917233", "13829034716", "广州市天河区车陂路工地宿舍"),
    "wei_guoqiang": worker("韦国强", "45088119830225159", "18922471803", "广州市天河区车陂路工地宿舍"),
    "lu_yongsheng": worker("陆永生", "45092319781104371", "13602758342", "广州市天河区车陂路工地宿舍"),
    "meng_zhigang": worker("蒙志刚", "45102519850630219", "13763018465", "广州市天河区车陂路工地宿舍"),
    "li_haijun": worker("李海军", "43102219790308117", "13711240593", "广州市天河区车陂路工地宿舍"),
    "liu_changqing": worker("刘长青", "43102219720119355", "13416590728", "广州市天河区车陂路工地宿舍"),
    "yang_wenzhong": worker("杨文忠", "51162119800822291", "18718260349", "广州市天河区车陂路工地宿舍"),
    "deng_chunsheng": worker("邓春生", "36082719770415173", "13570624081", "广州市天河区车陂路工地宿舍"),
    "mo_fulin": worker("莫福林", "45092319880203057", "13926815374", "广州市天河区车陂路工地宿舍"),
    "fan_xiaolong": worker("范小龙", "41282219920711339", "15013648290", "广州市天河区车陂路工地宿舍"),
    "han_baoshan": worker("韩宝山", "41282219740926013", "13660237518", "广州市天河区车陂路工地宿舍"),
}
COLLECTIVE = (
    "huang_deming",
    "qin_jianhua",
    "li_haijun",
    "wei_guoqiang",
    "lu_yongsheng",
    "meng_zhigang",
    "liu_changqing",
    "yang_wenzhong",
    "deng_chunsheng",
    "mo_fulin",
    "fan_xiaolong",
    "han_baoshan",
)

# Unified social credit codes: 91 a company, 92 an individual business; 440106 is Tianhe.
EMPLOYERS = {
    "jincheng": employer(
        "广州市锦程物业管理有限公司", "91440106MA5AL3T62", "13802516680", "广州市天河区猎德大道68号", "邝伟明"
    ),
    "junda": employer(
        "广州骏达建筑工程有限公司", "91440106MA59RQ4K7", "13902284417", "广州市天河区车陂路388号", "钟振邦"
    ),
    "aqiang": employer(
        "广州市天河区石牌阿强湘菜馆",
        "92440106MA5BX1N03",
        "13570028816",
        "广州市天河区石牌东路石牌村口12号",
        "谭强",
    ),
    "youpinhui": employer(
        "广州优品汇商贸有限公司", "91440106MA5CK7W81", "13926452270", "广州市天河区天河路208号四楼", "黄颖"
    ),
    "suda": employer(
        "广州速达同城配送有限公司", "91440106MA5D8HJ49", "13560187345", "广州市天河区中山大道西89号", "刘振宇"
    ),
    "zhiyun": employer(
        "广州市智云软件开发有限公司", "91440106MA5ANU2E5", "13719036658", "广州市天河区五山路371号", "许晨"
    ),
    "tianyu": employer(
        "广州天宇教育咨询有限公司", "91440106MA59F6PX0", "13808827713", "广州市天河区天河路490号", "杨帆"
    ),
    "zhonglian": employer(
        "广州众联电子科技有限公司", "91440106MA5BGD3R6", "13631560922", "广州市天河区天河路590号", "林振华"
    ),
    "huayue": employer(
        "广州市华粤保安服务有限公司", "91440106MA5AYT0C3", "13829731106", "广州市天河区石牌西路68号", "周大勇"
    ),
    "hengxin": employer(
        "广州市恒信家政服务有限公司",
        "91440106MA5CPW5L8",
        "13650849237",
        "广州市天河区员村二横路15号",
        "黄桂芳",
    ),
    "lvyuan": employer(
        "广州市绿源环境卫生服务有限公司",
        "91440106MA59K2H7Q",
        "13922301458",
        "广州市天河区东圃大马路22号",
        "梁志坚",
    ),
    "hongtu": employer(
        "广州宏图装饰工程有限公司", "91440106MA5B3QE94", "13600283914", "广州市天河区林和西路157号", "何宏图"
    ),
    "kangning": employer(
        "广州市天河区康宁口腔门诊部有限公司",
        "91440106MA5C1RD82",
        "13580362047",
        "广州市天河区天河南二路33号",
        "邱康宁",
    ),
    "meijia": employer(
        "广州市天河区车陂美佳美发店", "92440106MA5D3UF27", "13711958802", "广州市天河区车陂大街45号", "郑美佳"
    ),
    "xinghui": employer(
        "广州星辉酒店管理有限公司", "91440106MA59PL8N1", "13802297345", "广州市天河区天河南一路18号", "吴星辉"
    ),
    "ruitong": employer(
        "广州瑞通网络科技有限公司", "91440106MA5AF4G30", "13922718406", "广州市天河区科华街251号", "蔡瑞"
    ),
    # Outside Tianhe: the two cases that do not belong here.
    "hengda": employer(
        "广州恒达五金制品有限公司",
        "91440113MA59EN6W2",
        "13631204457",
        "广州市番禺区大石街105国道大石段",
        "霍志恒",
    ),
    "yuetong": employer(
        "广州粤通货运代理有限公司",
        "91440111MA5C9TB65",
        "13824470193",
        "广州市白云区太和镇龙归物流园",
        "黎国通",
    ),
}

# --- the cases -------------------------------------------------------------------------------------------

W = ClaimCategory

CASES: list[DemoCase] = [
    # ---- submitted: awaiting the acceptance decision ---------------------------------------------------
    DemoCase(
        ("zhang_wei",),
        "yunfan",
        AGENT,
        Due(deadlines.ACCEPTANCE_DAYS, 1, 3),
        "林和街",
        (
            claim(W.TERMINATION_COMPENSATION, "24600.00", "违法解除劳动合同赔偿金（2N：1.5个月×2×8200元）"),
            claim(W.REST_LEAVE, "3770.11", "2026年度未休带薪年休假5天工资（8200÷21.75×5×200%）"),
        ),
        text("""
            我2025年9月入职云帆科技做软件测试，月工资8200元。今年10月因为公司拖欠我三个月工资，
            我申请了劳动仲裁。11月10日人事突然发通知，说我“上班时间处理私事、严重违反规章制度”，
            当天就解除了我的劳动合同。我在公司一年多从来没被警告或处分过，公司说的员工手册我也没有签收过。
            我认为公司是因为我申请仲裁打击报复，属于违法解除。另外我今年的5天年假一天都没休，
            公司也没有安排。现委托王芳律师代理，请求裁决公司支付赔偿金和年休假工资。
        """),
        consents=ASYNC,
        key="zhang_wei-yunfan-dismissal",
    ),
    DemoCase(
        ("cai_weidong",),
        "zhiyun",
        AGENT,
        Due(deadlines.ACCEPTANCE_DAYS, 0, 0),
        "五山街",
        (
            claim(W.WAGE_ARREARS, "32000.00", "2026年9月1日至10月31日工资（16000元/月×2个月）"),
            claim(W.ECONOMIC_COMPENSATION, "40000.00", "被迫解除劳动合同经济补偿（2.5个月×16000元）"),
        ),
        text("""
            我是2024年5月进智云软件的，做后端开发，合同写月薪16000元。从今年9月开始公司说融资没到位，
            工资一拖再拖，9月、10月两个月一分钱都没发。我11月3日给公司发了《被迫解除劳动合同通知书》，
            理由就是公司不按时足额发工资。公司到现在也没给我结工资，也没给经济补偿。我有劳动合同、银行流水、
            工资条和钉钉上的考勤记录。同事推荐了王芳律师，我委托她在网上替我提交申请。
        """),
        consents=ASYNC,
    ),
    DemoCase(
        ("ye_jiaxin",),
        "kangning",
        COUNTER,
        12,
        "天河南街",
        (
            claim(W.OTHER, "44200.00", "未签订书面劳动合同二倍工资差额（2026年2月1日至10月15日，5200元/月）"),
            claim(W.WAGE_ARREARS, "2600.00", "2026年10月1日至15日工资"),
        ),
        text("""
            我2026年1月起在康宁口腔做前台兼护士助理，每月5200元。老板一直说过了试用期再签合同，
            结果做到10月15日离职都没签。离职时10月上半个月的工资也没给我。我有入职时的微信聊天记录、
            排班表和工资转账记录。
        """),
    ),
    DemoCase(
        ("wei_xiaojun",),
        "hongtu",
        COUNTER,
        3,
        "林和街",
        (claim(W.WAGE_ARREARS, "21600.00", "2026年8月至10月工资（7200元/月×3个月）"),),
        text("""
            我是宏图装饰的油漆工，2025年3月开始跟公司做，一直在林和西路一带的写字楼装修项目干活，
            每月7200元，项目经理每月用微信转账发工资。8月以后公司说甲方没结款，三个月工资都没发。
            我手上有工地的出勤照片和项目经理的微信转账记录，劳动合同公司一直没给我签。
        """),
        steps=(
            step(
                2,
                "clerk",
                "request_supplement",
                items=[
                    "与被申请人存在劳动关系的证明材料（如工牌、工作服照片、考勤记录）",
                    "工资标准的证明（银行或微信转账流水）",
                ],
                reason="所附证据不足以证明劳动关系及工资标准，请一次性补正",
            ),
        ),
    ),
    DemoCase(
        ("pan_jianping",),
        "huayue",
        COUNTER,
        20,
        "石牌街",
        (
            claim(
                W.OVERTIME,
                "41424.24",
                "2025年12月至2026年10月延长工作时间加班工资（每小时36.21元，每月104小时）",
            ),
        ),
        text("""
            我在华粤保安做保安，派驻在石牌西路的一个小区，每天上12个小时班，做六休一，公司说是综合工时，
            但从来没给我看过批文。每月到手4200元，从来没算过加班费。我按每天多上4个小时、
            每月26天算了加班工资。有排班表和小区的值班登记本照片。
        """),
        steps=(
            step(19, "clerk", "refer_to_mediation", organisation=SHIPAI, reason="申请人同意先行调解"),
            step(
                3,
                "mediator",
                "record_mediation_failure",
                reason="被申请人坚持认为已实行综合工时，不同意支付加班工资，调解不成",
            ),
        ),
        consents=MEDIATE,
    ),
    DemoCase(
        ("yao_jianxin",),
        "jiahe_logistics",
        COUNTER,
        0,
        "员村街",
        (
            claim(
                W.SOCIAL_INSURANCE,
                "27000.00",
                "未依法缴纳失业保险导致无法领取失业保险金的损失（2250元/月×12个月）",
            ),
            claim(W.ECONOMIC_COMPENSATION, "19500.00", "劳动合同期满不续订的经济补偿（3个月×6500元）"),
        ),
        text("""
            我2023年11月进嘉禾物流做叉车司机，月工资6500元左右。合同今年10月底到期，公司说不续了让我走人，
            经济补偿一直拖着不给。我去办失业金才发现公司头两年都没给我交社保，只交了今年的，
            所以领不到失业保险金。我有劳动合同、社保缴费记录和工资流水。
        """),
    ),
    # ---- pre_mediation: with the Shipai street centre or the institute's mediators --------------------
    DemoCase(
        ("hu_xiaolin",),
        "zhonglian",
        COUNTER,
        Due(settings.PRE_MEDIATION_DAYS, 0, 0),
        "石牌街",
        (claim(W.WAGE_ARREARS, "11860.00", "2026年8月至10月销售提成"),),
        text("""
            我在天河电脑城众联电子的柜台卖笔记本电脑，底薪3000元加提成，提成按月结。
            从8月份开始提成就没发过，主管说要等年底一起算。我10月底辞职了，三个月的提成一共11860元，
            都是按公司的提成表算的，有每月的销售单和主管发给我的提成确认截图。
        """),
        steps=(
            step(
                Due(settings.PRE_MEDIATION_DAYS, 0, 0),
                "clerk",
                "refer_to_mediation",
                organisation=SHIPAI,
                reason="申请人同意先行调解",
            ),
        ),
        consents=MEDIATE,
    ),
    DemoCase(
        ("guo_zhenhua",),
        "tianyu",
        COUNTER,
        Due(settings.PRE_MEDIATION_DAYS, 1, 3),
        "石牌街",
        (
            claim(W.WAGE_ARREARS, "13000.00", "2026年9月1日至10月20日工资"),
            claim(W.ECONOMIC_COMPENSATION, "20000.00", "经济补偿（2.5个月×8000元）"),
        ),
        text("""
            我是天宇教育岗顶校区的数学老师，2024年9月入职，月薪8000元。
            10月20日公司突然在群里通知岗顶校区停课关闭，让老师们自己找出路，9月和10月的工资都没发。
            公司没有提前通知，也没说补偿的事。我有聘用合同、课表和校区关闭通知的截图。
        """),
        steps=(
            step(
                Due(settings.PRE_MEDIATION_DAYS, 1, 3),
                "clerk",
                "refer_to_mediation",
                organisation=SHIPAI,
                reason="申请人同意先行调解",
            ),
        ),
        consents=MEDIATE_OR_ASYNC,
    ),
    DemoCase(
        ("tang_xiaoyan",),
        "aqiang",
        COUNTER,
        20,
        "石牌街",
        (claim(W.WAGE_ARREARS, "9200.00", "2026年8月、9月工资（4600元/月）"),),
        text("""
            我在石牌村口的阿强湘菜馆做服务员，包吃住每月4600元。老板说店里生意差，8月和9月的工资一直压着，
            我9月底不干了他也不给。我是老乡介绍进去的，没签合同，但有老板微信发工资的记录和店里排班群的聊天
            记录。
        """),
        steps=(step(19, "clerk", "refer_to_mediation", organisation=SHIPAI, reason="申请人同意先行调解"),),
        consents=MEDIATE,
    ),
    DemoCase(
        ("zhou_junjie",),
        "jincheng",
        COUNTER,
        5,
        "猎德街",
        (
            claim(W.OVERTIME, "5927.59", "2026年春节、国庆法定节假日加班工资（扣除已发值班补贴）"),
            claim(W.REST_LEAVE, "2528.74", "2025年度未休年休假工资"),
        ),
        text("""
            我是锦程物业在猎德一个小区的工程维修工，月薪5500元。今年春节和国庆我都被安排值班，
            一共上了9天法定节假日的班，公司只给了每天100元的值班补贴，没按三倍工资算。去年的年假也没让休。
            我有值班表和补贴的发放记录。
        """),
        steps=(
            step(
                4, "clerk", "refer_to_mediation", organisation=TIANHE_INSTITUTE, reason="申请人同意先行调解"
            ),
        ),
        consents=MEDIATE,
    ),
    DemoCase(
        ("zhao_lei",),
        "hongyun",
        SELF,
        5,
        "石牌街",
        (claim(W.WAGE_ARREARS, "3400.00", "2026年10月下半月工资"),),
        text("""
            鸿运餐饮在石牌桥新开的分店缺人，店长让我10月中旬过去帮忙半个月，说工资由分店另外结算。
            我在分店做了半个月砧板，分店说人是总店派的不归他们发，总店说账在分店，半个月工资3400元到现在
            没人给。我有分店的排班表和店长的微信安排记录，愿意先找街道调解。
        """),
        steps=(step(4, "clerk", "refer_to_mediation", organisation=SHIPAI, reason="申请人同意先行调解"),),
        consents=MEDIATE,
        key="zhao_lei-hongyun-mediation",
    ),
    # ---- mediated before filing ------------------------------------------------------------------------
    DemoCase(
        ("ma_chunhua",),
        "aqiang",
        COUNTER,
        30,
        "石牌街",
        (claim(W.WAGE_ARREARS, "7800.00", "2026年8月、9月工资（3900元/月）"),),
        text("""
            我在阿强湘菜馆后厨洗碗，每月3900元。8月和9月两个月工资老板一直没发，
            我跟老板说过几次他都说再等等。我想先找街道调解，能早点把钱拿到就行。
        """),
        steps=(
            step(30, "clerk", "refer_to_mediation", organisation=SHIPAI, reason="申请人同意先行调解"),
            step(
                24,
                "mediator",
                "mediation_agreement",
                items=[
                    {
                        "obligor": "respondent",
                        "kind": "payment",
                        "amount": "7800.00",
                        "due_in_days": 10,
                        "description": "一次性支付申请人2026年8月、9月工资",
                    },
                    {"obligor": "applicant", "kind": "other", "description": "办理离职交接手续"},
                ],
                terms="双方劳动关系于2026年9月30日解除，再无其他争议。",
            ),
        ),
        consents=MEDIATE,
    ),
    DemoCase(
        ("zhao_lei",),
        "suda",
        SELF,
        45,
        "棠下街",
        (
            claim(W.WAGE_ARREARS, "6850.00", "2025年12月工资"),
            claim(W.OTHER, "500.00", "退还工服和配送箱押金"),
        ),
        text("""
            我2025年3月到12月在速达配送做同城配送员，按单计件，平均每月6000多元。12月我辞职以后，
            最后一个月的工资6850元和入职时交的500元押金，站长一直说要等总部审核，拖了快一年都没给。
            我有配送APP上的接单记录和站长的微信聊天记录。
        """),
        steps=(
            step(
                44, "clerk", "refer_to_mediation", organisation=TIANHE_INSTITUTE, reason="申请人同意先行调解"
            ),
            step(
                36,
                "mediator2",
                "mediation_agreement",
                items=[
                    {
                        "obligor": "respondent",
                        "kind": "payment",
                        "amount": "6850.00",
                        "due_in_days": 20,
                        "description": "支付申请人2025年12月工资",
                    },
                    {
                        "obligor": "respondent",
                        "kind": "payment",
                        "amount": "500.00",
                        "due_in_days": 20,
                        "description": "退还工服和配送箱押金",
                    },
                ],
                terms="经仲裁院调解员调解，双方达成协议。",
            ),
        ),
        consents=MEDIATE_OR_ASYNC,
    ),
    DemoCase(
        ("xu_zhiqiang",),
        "huayue",
        COUNTER,
        62,
        "石牌街",
        (claim(W.ECONOMIC_COMPENSATION, "21000.00", "经济补偿（5个月×4200元）"),),
        text("""
            我在华粤保安干了快5年，一直派在岗顶的写字楼做保安。今年8月公司说这个项目甲方不续约了，
            让我回家等通知，后来就说解除合同，一分钱补偿都没有。我57岁了，找工作不容易，只想拿回应得的补偿。
        """),
        steps=(
            step(62, "clerk", "refer_to_mediation", organisation=SHIPAI, reason="申请人同意先行调解"),
            step(
                52,
                "mediator",
                "mediation_agreement",
                items=[
                    {
                        "obligor": "respondent",
                        "kind": "payment",
                        "amount": "18000.00",
                        "due_in_days": 14,
                        "description": "支付申请人解除劳动合同经济补偿",
                    },
                ],
                terms="申请人放弃其余请求。",
            ),
        ),
        consents=MEDIATE,
    ),
    DemoCase(
        ("zhang_wei",),
        "yunfan",
        SELF,
        12,
        "石牌街",
        (claim(W.OTHER, "8000.00", "2026年度项目奖金"),),
        text("""
            云帆科技2026年初承诺参与“智慧社区”项目的员工在项目验收后发放项目奖金8000元，有部门的邮件通知。
            项目9月已经验收，其他同事都领了奖金，只有我因为申请了劳动仲裁被扣着不发。我愿意先调解，
            公司能按承诺发奖金就行。
        """),
        steps=(
            step(11, "clerk", "refer_to_mediation", organisation=SHIPAI, reason="申请人同意先行调解"),
            step(
                6,
                "mediator",
                "mediation_agreement",
                items=[
                    {
                        "obligor": "respondent",
                        "kind": "payment",
                        "amount": "8000.00",
                        "due_in_days": 20,
                        "description": "支付申请人2026年度项目奖金",
                    },
                ],
                terms="双方同意共同向仲裁委员会申请审查确认本协议。",
            ),
        ),
        consents=MEDIATE,
        key="zhang_wei-yunfan-mediation",
    ),
    # ---- rejected ---------------------------------------------------------------------------------------
    DemoCase(
        ("cheng_guoliang",),
        "jincheng",
        COUNTER,
        25,
        "猎德街",
        (
            claim(W.WAGE_ARREARS, "3600.00", "2026年9月工资"),
            claim(W.ECONOMIC_COMPENSATION, "10800.00", "解除劳动合同经济补偿（3个月×3600元）"),
        ),
        text("""
            我退休以后在锦程物业管的停车场做收费员，做了三年，每月3600元。9月份公司换了智能道闸，
            把我们几个老人都辞了，9月工资没发，也不给补偿。我觉得我干了三年，公司应该给补偿。
        """),
        steps=(
            step(
                22,
                "clerk",
                "reject",
                grounds=["out_of_scope"],
                reason=text("""
                    申请人已达法定退休年龄并依法享受基本养老保险待遇，其与被申请人之间的用工关系不属于劳动关
                    系，申请事项不属于劳动人事争议处理范围（《劳动争议调解仲裁法》第二条）。
                    申请人可就劳务报酬纠纷依法向人民法院起诉。
                """),
            ),
        ),
    ),
    DemoCase(
        ("jin_baoyu",),
        "hengda",
        COUNTER,
        40,
        "",
        (claim(W.WAGE_ARREARS, "9800.00", "2026年7月、8月工资（4900元/月）"),),
        text("""
            我在恒达五金的大石厂区做质检员，每月4900元。7月和8月的工资一直拖着没发。我现在住在天河车陂，
            去番禺太远了，所以来天河申请仲裁。
        """),
        steps=(
            step(
                38,
                "clerk",
                "reject",
                grounds=["no_jurisdiction"],
                competent_commission="广州市番禺区劳动人事争议仲裁委员会",
                reason=text("""
                    被申请人住所地及劳动合同履行地均在广州市番禺区，本委对本案无管辖权（《劳动争议调解仲裁法
                    》第二十一条）。请向广州市番禺区劳动人事争议仲裁委员会申请仲裁。
                """),
            ),
        ),
    ),
    DemoCase(
        ("long_zhiyong",),
        "hongtu",
        COUNTER,
        15,
        "林和街",
        (claim(W.OTHER, "86000.00", "支付林和西路写字楼装修项目水电安装工程款"),),
        text("""
            我带了六个工人帮宏图装饰做林和西路一栋写字楼的水电安装，说好整个项目包工包料11万元，
            干完了只给了2.4万，剩下8.6万一直不给。我的工人还等着我发工资。
        """),
        steps=(
            step(
                12,
                "clerk",
                "reject",
                grounds=["out_of_scope"],
                reason=text("""
                    申请人承包被申请人装修工程的水电安装项目并自行组织工人施工，请求支付的是工程款，
                    双方之间为承揽合同关系，不属于劳动人事争议处理范围。申请人可向人民法院起诉；
                    其招用工人的工资问题可向劳动保障监察机构投诉。
                """),
            ),
        ),
    ),
    # ---- withdrawn before acceptance --------------------------------------------------------------------
    DemoCase(
        ("zhang_wei",),
        "tianyu",
        SELF,
        50,
        "石牌街",
        (claim(W.WAGE_ARREARS, "3200.00", "2026年7月、8月周末兼职课时费（16节×200元）"),),
        text("""
            我平时在公司上班，周末在天宇教育岗顶校区兼职教少儿编程，每节课200元，每月底结算。
            7月和8月一共上了16节课，课时费3200元一直没结，教务说财务压着。我有排课表、
            学生签到表和教务的微信确认。
        """),
        steps=(step(46, A, "withdraw", reason="被申请人已结清课时费，申请撤回仲裁申请。"),),
        consents=ASYNC,
    ),
    DemoCase(
        ("ding_chunyan",),
        "hengxin",
        COUNTER,
        12,
        "员村街",
        (claim(W.WAGE_ARREARS, "5600.00", "2026年10月工资"),),
        text("""
            我是恒信家政派到员村一户人家做育儿嫂的员工，公司每月发我5600元。10月那家人提前解约了，
            公司说客户没付钱所以我10月的工资也不发。我在公司干了两年，一直是公司发工资、交社保。
        """),
        steps=(step(9, "clerk", "withdraw", reason="申请人到窗口称被申请人已支付10月工资，申请撤回。"),),
    ),
    DemoCase(
        ("lu_shaofen",),
        "youpinhui",
        COUNTER,
        20,
        "天河南街",
        (
            claim(W.WAGE_ARREARS, "4980.00", "2026年10月工资及销售提成"),
            claim(W.ECONOMIC_COMPENSATION, "4800.00", "经济补偿（1.5个月×3200元）"),
        ),
        text("""
            我在天河城优品汇的化妆品专柜做导购，底薪3200元加提成。10月公司把我调到番禺的门店，我不同意，
            公司就说我旷工，不发10月的工资。调过去上下班要多花两个多小时，公司调岗前也没跟我商量。
        """),
        steps=(
            step(
                20, "clerk", "refer_to_mediation", organisation=TIANHE_INSTITUTE, reason="申请人同意先行调解"
            ),
            step(12, "clerk", "withdraw", reason="调解期间被申请人已支付10月工资及补偿，申请人撤回申请。"),
        ),
        consents=MEDIATE,
    ),
    # ---- accepted ---------------------------------------------------------------------------------------
    DemoCase(
        ("zhao_lei",),
        "hongyun",
        SELF,
        7,
        "天河南街",
        (
            claim(W.WAGE_ARREARS, "13600.00", "2026年9月、10月工资（6800元/月×2个月）"),
            claim(W.OVERTIME, "3126.44", "2026年5月至10月休息日加班5天的加班工资"),
        ),
        text("""
            我2026年1月进鸿运餐饮体育西路的店做厨房砧板，每月6800元。9月、10月的工资到现在还没发，
            店长说公司资金周转困难。5月到10月我还有5个休息日被叫回来加班，没有补休也没有加班费。我有排班表、
            打卡记录和店长的微信语音截图，希望能快点处理。
        """),
        steps=(
            accept(6, "arbitrator2", procedure=Procedure.SIMPLIFIED, facts_clear=True),
            step(6, "clerk", "agree_short_defence", days=5, reason="被申请人书面同意答辩期缩短为5日"),
            serve(Due(5, 1, 3), defence_days=5),
        ),
        consents=ASYNC,
    ),
    DemoCase(
        ("dong_lihua",),
        "lvyuan",
        COUNTER,
        5,
        "龙洞街",
        (
            claim(W.OVERTIME, "9650.00", "2026年1月至10月延长工作时间及休息日加班工资"),
            claim(W.OTHER, "1500.00", "2026年6月至10月高温津贴（300元/月×5个月）"),
        ),
        text("""
            我在绿源环卫做清扫工，负责龙洞片区的几条路，每天早上5点半上班到下午5点，中午休息一个多小时，
            一个月只休两天，工资2600元。今年夏天最热的时候也没发过高温津贴。我问过班长，他说环卫都是这样。
            我有工作群里每天的打卡照片。
        """),
        steps=(accept(2),),
    ),
    DemoCase(
        ("peng_junhui",),
        "ruitong",
        COUNTER,
        6,
        "五山街",
        (
            claim(W.WAGE_ARREARS, "18000.00", "2025年度年终奖（1.5个月工资）"),
            claim(W.WAGE_ARREARS, "6400.00", "2026年10月绩效工资"),
        ),
        text("""
            我在瑞通网络做前端开发，月薪12000元，入职时offer上写明年终奖1.5个月工资。去年公司业绩达标，
            今年春节前别人都发了，就我没发，主管说因为我后来提了离职。我10月31日离职，
            10月的绩效工资也被扣光了。我有offer邮件、绩效考核表和离职证明。
        """),
        steps=(accept(3, "arbitrator"), serve(2)),
    ),
    DemoCase(
        ("yuan_mingliang",),
        "xinghui",
        COUNTER,
        12,
        "天河南街",
        (
            claim(W.ECONOMIC_COMPENSATION, "28000.00", "经济补偿（4个月×7000元）"),
            claim(W.OTHER, "7000.00", "未提前三十日书面通知解除的代通知金"),
        ),
        text("""
            我在星辉酒店做了差不多4年的前厅主管，每月7000元。10月底酒店说要停业装修一年，全部员工解除合同，
            只给了半个月工资当补偿。酒店没有提前一个月通知，也没有给我们安排别的岗位。
            我有劳动合同和酒店的停业通知。
        """),
        steps=(accept(10),),
    ),
    DemoCase(
        ("zeng_yuzhen",),
        "jincheng",
        COUNTER,
        24,
        "猎德街",
        (claim(W.OVERTIME, "7800.00", "2025年11月至2026年10月休息日加班工资"),),
        text("""
            我在锦程物业猎德的小区做保洁，2023年10月入职，每月3100元，一个月只休两天，
            公司说多上的班已经算在工资里了。入职时主管让我签了一张“自愿放弃社保”的声明，
            公司三年都没给我交社保。11月初我提出解除合同，要求公司算加班费。
        """),
        steps=(
            accept(21, "arbitrator"),
            serve(20),
            defence(
                13,
                text("""
                    申请人月工资已包含休息日加班费用，双方对此有口头约定；申请人自愿放弃缴纳社会保险，
                    责任在申请人。
                """),
            ),
            serve_defence(12),
            step(
                6,
                "clerk",
                "amend_claims",
                reason="申请人在举证期限内增加仲裁请求",
                claims=[
                    claim(W.OVERTIME, "7800.00", "2025年11月至2026年10月休息日加班工资"),
                    claim(
                        W.ECONOMIC_COMPENSATION,
                        "9300.00",
                        "以未缴纳社会保险为由解除劳动合同的经济补偿（3个月×3100元）",
                    ),
                ],
            ),
        ),
    ),
    DemoCase(
        ("xiao_hongmei",),
        "youpinhui",
        COUNTER,
        28,
        "天河南街",
        (claim(W.WAGE_ARREARS, "10500.00", "2026年5月至10月孕期被降低的工资差额（1750元/月×6个月）"),),
        text("""
            我在优品汇天河城店做店长，月薪6500元。今年4月我告诉公司怀孕了，5月起公司就把我调成普通店员，
            工资降到4750元，说店长要经常加班不适合孕妇。我没同意过调岗降薪，按《女职工劳动保护特别规定》，
            公司不能因为怀孕降低工资。我有劳动合同、工资条和调岗通知。
        """),
        steps=(accept(26), serve(25), tribunal(24, "arbitrator2")),
    ),
    # ---- async_hearing ----------------------------------------------------------------------------------
    DemoCase(
        ("zhang_wei",),
        "yunfan",
        SELF,
        38,
        "林和街",
        (
            claim(W.WAGE_ARREARS, "24600.00", "2026年7月至9月工资（8200元/月×3个月）"),
            claim(W.OVERTIME, "6032.18", "2026年4月至9月休息日加班8天的加班工资"),
        ),
        text("""
            我在云帆科技做软件测试，月薪8200元。从7月开始公司说项目回款慢，工资暂停发放，
            7月到9月一分钱都没发，一共欠我三个月工资。4月到9月为了赶项目上线，我有8个周六被叫回公司加班，
            没有补休也没有加班费。我有工资条、银行流水和企业微信里的加班审批记录。
        """),
        steps=(
            accept(35, "arbitrator"),
            serve(34),
            defence(
                28,
                text("""
                    被申请人确认拖欠申请人2026年7月至9月工资属实，系项目回款延迟所致，同意分期支付；
                    申请人所称休息日加班未经部门负责人审批，不属于公司安排的加班，不同意支付加班工资。
                """),
            ),
            serve_defence(27),
            consent(27, R, async_hearing=True),
            start_async(26),
        ),
        consents=ASYNC,
        key="zhang_wei-yunfan-wages",
    ),
    DemoCase(
        ("song_lixin",),
        "hongtu",
        AGENT,
        33,
        "林和街",
        (
            claim(W.WAGE_ARREARS, "15800.00", "2026年6月至9月设计提成"),
            claim(W.ECONOMIC_COMPENSATION, "19500.00", "经济补偿（3个月×6500元）"),
        ),
        text("""
            我是宏图装饰的室内设计师，2023年7月入职，底薪6500元加签单提成。6月到9月我签了四个单，
            按公司的提成制度应该发提成15800元，公司一直没发。10月公司以“业绩不达标”为由解除了劳动合同，
            也没给补偿。提成制度和签单合同都在我手上，委托王芳律师代理。
        """),
        steps=(
            accept(30, "arbitrator2"),
            serve(29),
            defence(
                22,
                text("""
                    申请人签单的四个项目尚未收齐工程款，依公司提成制度提成在收款后发放；
                    解除系因申请人连续三个月未完成业绩指标。
                """),
            ),
            serve_defence(21),
            consent(21, R, async_hearing=True),
            start_async(20),
        ),
        consents=ASYNC,
    ),
    DemoCase(
        ("zheng_xiaodong",),
        "jiahe_logistics",
        COUNTER,
        30,
        "员村街",
        (claim(W.OVERTIME, "23480.00", "2025年11月至2026年10月延长工作时间及休息日加班工资"),),
        text("""
            我是嘉禾物流的货车司机，跑广州到东莞的线路，每天早上6点出车，晚上经常九、十点才回到员村的仓库，
            一个月休四天。公司按趟数给钱，每月大概7500元，说是已经包含了加班费，
            但劳动合同上写的月工资是4000元。我有车辆GPS行车记录、派车单和工资流水。
        """),
        steps=(
            accept(27),
            serve(26),
            tribunal(26, "arbitrator"),
            consent(25, R, async_hearing=True),
            defence(
                20,
                text("""
                    申请人实行计件工资，按趟数计发的运费已包含延长工作时间的报酬；
                    行车记录不能证明申请人处于工作状态。
                """),
            ),
            serve_defence(19),
            start_async(18),
        ),
        consents=ASYNC,
    ),
    DemoCase(
        ("xie_meiling",),
        "kangning",
        COUNTER,
        22,
        "天河南街",
        (
            claim(W.OVERTIME, "8700.00", "2026年3月至9月延长工作时间加班工资"),
            claim(W.WAGE_ARREARS, "1800.00", "被扣发的2026年9月全勤奖及绩效"),
        ),
        text("""
            我在康宁口腔做护士，每天早上9点上班，晚上诊所8点半关门后还要消毒器械、整理诊室，
            经常9点半以后才走，一周上六天。老板说诊所是弹性工作，没有加班费。9月因为我请了两天病假，
            全勤奖和绩效都被扣了。我有指纹打卡记录和病假条。
        """),
        steps=(
            accept(19, "arbitrator2"),
            serve(18),
            consent(17, R, async_hearing=True),
            start_async(15),
        ),
        consents=ASYNC,
    ),
    DemoCase(
        ("zhong_zhihua",),
        "suda",
        COUNTER,
        34,
        "棠下街",
        (
            claim(W.LABOUR_RELATION, None, "确认2025年6月至2026年9月与被申请人存在劳动关系"),
            claim(W.WAGE_ARREARS, "7200.00", "2026年9月工资"),
        ),
        text("""
            我2025年6月开始在速达配送棠下站送外卖，站长给我排班，每天要上满10个小时，迟到要罚款，
            工资每月由公司账户发。公司让我在APP上注册成“个体工商户”，说这样不用交社保。
            9月我在送餐路上被车撞了，公司说我不是员工不管。我要求确认劳动关系，还有9月的工资没发。
        """),
        steps=(
            accept(32, "arbitrator2"),
            serve(31),
            defence(25, "申请人系注册个体工商户，与被申请人签订的是配送服务合作协议，双方不存在劳动关系。"),
            serve_defence(24),
            consent(24, R, async_hearing=True),
            start_async(23),
            step(12, P, "start_mediation", reason="经双方同意，仲裁庭在异步审理中组织调解"),
            step(10, P, "end_mediation", reason="被申请人不同意确认劳动关系，调解不成，继续异步审理"),
        ),
        consents=ASYNC,
    ),
    # ---- oral_hearing -----------------------------------------------------------------------------------
    DemoCase(
        COLLECTIVE,
        "junda",
        COUNTER,
        9,
        "车陂街",
        (claim(W.WAGE_ARREARS, "386400.00", "2026年6月至10月工资（12人合计，明细见工资表）"),),
        text("""
            我们12个人都是骏达建筑在车陂路一个住宅项目上的钢筋工、木工和泥水工，2026年3月进场，
            老板说按天算工资，每天350到400元，平时只发生活费，说好工程封顶后结清。
            6月到10月的工资一共欠我们386400元，10月底项目部的人就不见了。我们推选黄德明、覃建华、
            李海军三个人做代表，有工地考勤表、项目部盖章的工资表和进出工地的照片。
        """),
        steps=(
            accept(
                7, "arbitrator", "arbitrator2", "arbitrator3", reason="集体劳动争议，优先立案，组成三人仲裁庭"
            ),
            serve(7),
            oral(6, -2, reason="集体争议优先审理，一并通知仲裁庭组成、答辩期、举证期和开庭日期"),
        ),
        representatives=(0, 1, 2),
    ),
    DemoCase(
        ("lin_xiaohong",),
        "yunfan",
        AGENT,
        32,
        "林和街",
        (
            claim(W.TERMINATION_COMPENSATION, "34000.00", "孕期违法解除劳动合同赔偿金（2N：2个月×2×8500元）"),
            claim(W.WAGE_ARREARS, "2830.00", "2026年8月产检请假被扣发的工资"),
        ),
        text("""
            我2024年9月进云帆科技做UI设计，月薪8500元。今年7月我怀孕了，8月去产检请了几次假，
            公司都按事假扣了工资。9月底公司说我“不胜任工作”，直接把我辞退了，之前没有培训也没有调岗。
            怀孕期间公司不能这样解除合同。我委托王芳律师帮我申请仲裁，我不同意网上异步审理，希望当面开庭。
        """),
        steps=(
            accept(29, "arbitrator"),
            serve(28),
            defence(
                20,
                text("""
                    被申请人解除劳动合同时并不知晓申请人怀孕；申请人多次未按期完成设计任务，经考核不合格。
                    请求驳回申请人的仲裁请求。
                """),
            ),
            serve_defence(19),
            oral(10, -3),
        ),
    ),
    DemoCase(
        ("gao_xiulan",),
        "hengxin",
        COUNTER,
        36,
        "员村街",
        (
            claim(W.TERMINATION_COMPENSATION, "22500.00", "违法解除劳动合同赔偿金（2N：2.5个月×2×4500元）"),
            claim(W.WAGE_ARREARS, "4500.00", "2026年9月工资"),
        ),
        text("""
            我是恒信家政的员工制家政服务员，2024年3月签的合同，公司派我去客户家做保洁，每月4500元。
            9月一个客户说家里丢了东西，怀疑是我拿的，公司没有调查就把我开除了，9月的工资也扣着不发。
            我没有拿过客户任何东西，派出所也没有找过我。
        """),
        steps=(
            accept(33, "arbitrator2"),
            serve(32),
            defence(
                26,
                text("""
                    申请人在客户家中服务期间客户财物丢失，严重违反公司服务守则，
                    被申请人依规章制度解除劳动合同合法。
                """),
            ),
            serve_defence(25),
            consent(25, R, async_hearing=True),
            start_async(24),
            oral(8, -1, reason="双方对是否存在盗窃行为这一主要事实争议较大，需当面质证，转为开庭审理"),
        ),
        consents=ASYNC,
    ),
    DemoCase(
        ("feng_guodong",),
        "lvyuan",
        COUNTER,
        26,
        "棠下街",
        (
            claim(W.WORK_INJURY, "31200.00", "停工留薪期工资（2026年5月至10月，5200元/月×6个月）"),
            claim(W.WORK_INJURY, "9600.00", "住院伙食补助费及护理费"),
        ),
        text("""
            我是绿源环卫的垃圾车司机，2026年4月28日在棠下收运垃圾时被压缩箱夹伤右手，住院一个多月，
            9月人社局认定是工伤，鉴定九级伤残。停工留薪期公司只发了最低工资，护理费和住院伙食补助也没给。
            我有工伤认定书、劳动能力鉴定结论和住院病历。
        """),
        steps=(
            accept(24, "arbitrator"),
            serve(23),
            defence(
                15,
                text("""
                    被申请人已按当地最低工资标准发放停工留薪期待遇，护理由申请人家属自行承担，
                    不应由被申请人支付。
                """),
            ),
            serve_defence(14),
            oral(9, -4),
        ),
    ),
    DemoCase(
        ("deng_shufen",),
        "meijia",
        COUNTER,
        20,
        "车陂街",
        (
            claim(W.WAGE_ARREARS, "5400.00", "2026年9月工资及提成"),
            claim(W.OTHER, "3000.00", "退还入职时收取的培训费"),
        ),
        text("""
            我在车陂美佳美发店做助理，包住每月3000元加洗头提成。入职的时候老板收了我3000元培训费，
            说做满一年就退。我做了8个月，老板9月把我赶走了，9月的工资和提成都不给，培训费也不退。
        """),
        steps=(accept(17, "arbitrator2"), serve(16), oral(11, -1)),
    ),
    # ---- mediation by the tribunal ----------------------------------------------------------------------
    DemoCase(
        ("he_jun",),
        "yunfan",
        COUNTER,
        28,
        "林和街",
        (claim(W.ECONOMIC_COMPENSATION, "60900.00", "经济补偿（7个月×8700元）"),),
        text("""
            我2019年进云帆科技做运维，月薪8700元。今年9月公司说业务调整，运维外包出去，
            我所在的部门整个撤销，给了一份协商解除协议让我签，补偿只给3个月。我不同意签，
            公司就发了解除通知。我在公司干了六年多，补偿应该按7个月算。
        """),
        steps=(
            accept(26, "arbitrator"),
            serve(25),
            defence(
                18,
                text("""
                    被申请人因客观情况发生重大变化与申请人协商变更劳动合同未果后解除，同意依法支付经济补偿，
                    但补偿年限应从2020年起算。
                """),
            ),
            serve_defence(17),
            oral(17, 10),
            step(10, P, "start_mediation", reason="庭审后双方均表示愿意调解"),
        ),
    ),
    DemoCase(
        ("jiang_xiaofang",),
        "youpinhui",
        COUNTER,
        43,
        "天河南街",
        (
            claim(W.WAGE_ARREARS, "8640.00", "2026年7月至9月被克扣的销售提成"),
            claim(W.ECONOMIC_COMPENSATION, "14400.00", "经济补偿（3个月×4800元）"),
        ),
        text("""
            我在优品汇做收银组长，底薪加提成每月4800元左右。7月起公司改了提成办法，没有开会也没有公示，
            提成一下少了一大半。我9月以公司克扣工资为由辞职，要求公司补发提成和支付经济补偿。
            我有新旧两版提成方案和每月的工资条。
        """),
        steps=(
            accept(40, "arbitrator2"),
            serve(39),
            defence(
                32,
                "新提成方案已通过门店微信群公示，申请人未提出异议，视为同意；被申请人不存在克扣工资的情形。",
            ),
            serve_defence(31),
            oral(30, 20),
            conclude(20),
            step(3, P, "start_mediation", reason="裁决前再行调解（《劳动争议调解仲裁法》第四十二条）"),
        ),
    ),
    DemoCase(
        ("mo_jiahui",),
        "zhiyun",
        COUNTER,
        15,
        "五山街",
        (claim(W.WAGE_ARREARS, "22000.00", "2026年9月、10月工资（11000元/月×2个月）"),),
        text("""
            我是智云软件的测试工程师，月薪11000元，9月和10月的工资公司一直没发。老板说正在谈新一轮融资，
            钱到了就发，让我们再等等。我不想离职，只想把拖欠的工资拿到。
        """),
        steps=(
            accept(13),
            tribunal(12, "arbitrator"),
            serve(12),
            step(5, P, "start_mediation", reason="被申请人表示愿意分期支付，仲裁庭组织调解"),
        ),
    ),
    # ---- suspended --------------------------------------------------------------------------------------
    DemoCase(
        ("luo_jiahao",),
        "hongyun",
        COUNTER,
        30,
        "天河南街",
        (
            claim(W.WORK_INJURY, "13600.00", "停工留薪期工资（2026年8月至9月）"),
            claim(W.WORK_INJURY, "6000.00", "医疗费"),
        ),
        text("""
            我在鸿运餐饮体育西路的店做厨房打荷，8月6日晚上炸东西的时候油锅溅出来，右手和手臂烫伤，
            在医院住了半个月。公司说是我自己不小心，不给报医疗费，养伤的两个月工资也不发。
            我已经向人社局申请工伤认定了，还没出结果。
        """),
        steps=(
            accept(27, "arbitrator"),
            serve(26),
            defence(
                20,
                text("""
                    申请人受伤系其违反操作规程所致；被申请人已垫付部分医疗费，
                    工伤认定结论作出前不同意支付其他费用。
                """),
            ),
            serve_defence(19),
            step(
                15,
                "supervisor",
                "suspend",
                ground=SuspensionGround.AWAITING_DETERMINATION,
                reason="申请人已申请工伤认定，认定结论尚未作出，本案须以工伤认定结论为依据。",
            ),
        ),
    ),
    DemoCase(
        ("tian_zhigang",),
        "junda",
        COUNTER,
        40,
        "车陂街",
        (
            claim(W.WORK_INJURY, "56000.00", "一次性伤残就业补助金"),
            claim(W.WORK_INJURY, "18000.00", "停工留薪期工资"),
        ),
        text("""
            我是骏达建筑车陂工地的架子工，2026年3月从脚手架上摔下来，腰椎骨折。工伤认定已经下来了，
            但是公司一直拖着不配合做劳动能力鉴定，停工留薪期的工资也没给。我现在还不能干重活，
            家里全靠我老婆打零工。
        """),
        steps=(
            accept(37, "arbitrator2"),
            serve(36),
            oral(35, 28),
            step(
                26,
                "supervisor",
                "suspend",
                ground=SuspensionGround.AWAITING_DETERMINATION,
                reason="申请人的劳动能力鉴定结论尚未作出，伤残等级是确定工伤待遇的依据。",
            ),
        ),
    ),
    DemoCase(
        ("lv_desheng",),
        "zhonglian",
        COUNTER,
        35,
        "石牌街",
        (
            claim(W.WAGE_ARREARS, "14000.00", "2026年8月、9月工资（7000元/月×2个月）"),
            claim(W.ECONOMIC_COMPENSATION, "24500.00", "经济补偿（3.5个月×7000元）"),
        ),
        text("""
            我在众联电子做了三年多仓库管理员，月薪7000元。8月开始电脑城的柜台陆续撤了，
            公司欠了我两个月工资，9月底说公司不做了，让大家回家。老板现在电话也不接。
        """),
        steps=(
            accept(32, "arbitrator"),
            serve(31),
            step(
                22,
                "supervisor",
                "suspend",
                ground=SuspensionGround.EMPLOYER_ENDED,
                reason="被申请人股东会已决议解散，正在清算，清算组尚未确定，暂无承继其权利义务的主体。",
            ),
        ),
    ),
    # ---- deliberation: hearing concluded, awaiting the award --------------------------------------------
    DemoCase(
        ("chen_zhiming",),
        "yunfan",
        COUNTER,
        49,
        "林和街",
        (claim(W.WAGE_ARREARS, "26000.00", "2025年度年终奖（2个月工资）"),),
        text("""
            我在云帆科技做产品经理，月薪13000元。劳动合同附件写明年终奖为两个月工资，年底考核合格即发放。
            我2025年度考核是B，按规定属于合格，但公司今年3月说经营困难，只给我发了1000元购物卡，
            同部门考核B的同事却拿到了年终奖。我有劳动合同附件、考核结果和同事的证言。
        """),
        steps=(
            accept(Due(deadlines.RULING_DAYS, 0, 0), "arbitrator"),
            serve(44),
            defence(
                38,
                text("""
                    年终奖属于公司根据经营状况自主决定的福利，并非劳动报酬；2025年度公司亏损，
                    未发放年终奖符合制度规定。
                """),
            ),
            serve_defence(37),
            consent(37, R, async_hearing=True),
            start_async(36),
            conclude(3),
        ),
        consents=ASYNC,
    ),
    DemoCase(
        ("zhu_wenbin",),
        "jiahe_logistics",
        COUNTER,
        56,
        "员村街",
        (
            claim(W.WAGE_ARREARS, "9360.00", "2026年6月、7月被扣发的工资（4680元/月）"),
            claim(W.ECONOMIC_COMPENSATION, "15600.00", "经济补偿（3个月×5200元）"),
        ),
        text("""
            我是嘉禾物流员村仓的分拣员，月薪5200元。6月和7月公司说我们组丢了货，每人每月扣工资4680元做赔偿，
            扣完只剩五百多块。丢货的事公司没有拿出任何证据，也没让我们签字确认。8月我以克扣工资为由辞职。
            我有工资条和仓库主管在群里发的扣款通知。
        """),
        steps=(
            accept(53, "arbitrator2"),
            serve(52),
            defence(45, "申请人所在班组保管的货物丢失，依照员工手册应承担赔偿责任，扣款有制度依据。"),
            serve_defence(44),
            oral(44, 30),
            conclude(30),
        ),
    ),
    DemoCase(
        ("wang_haibo",),
        "jincheng",
        COUNTER,
        58,
        "猎德街",
        (
            claim(W.OVERTIME, "42300.00", "2024年11月至2026年8月延长工作时间加班工资"),
            claim(W.REST_LEAVE, "4966.00", "2024、2025年度未休年休假工资"),
        ),
        text("""
            我是锦程物业在猎德一个商业中心的电工主管，月薪7800元。公司实行“做一休一”，每班24小时，
            说是综合计算工时，但我在人社局查不到公司的综合工时审批。两年来没有算过一分钱加班费，
            年假也从来没休过。我有排班表、交接班记录和维修工单。
        """),
        steps=(
            accept(55, "arbitrator"),
            serve(54),
            defence(
                47,
                text("""
                    电工岗位实行24小时值班制，值班期间可以休息，不属于延长工作时间；
                    申请人的年休假已在值班间隙安排。
                """),
            ),
            serve_defence(46),
            oral(45, 32),
            conclude(32),
            step(
                12,  # before the 45 days (from day 55) ran out: an extension after the lapse is refused
                "supervisor",
                "extend_ruling",
                days=15,
                reason=text("""
                    案情复杂，需调取商业中心监控及维修工单核实加班事实，经仲裁委员会主任批准延长审理期限十五
                    日
                """),
            ),
        ),
    ),
    DemoCase(
        ("lu_xiaoqin",),
        "kangning",
        COUNTER,
        42,
        "天河南街",
        (claim(W.TERMINATION_COMPENSATION, "36000.00", "违法解除劳动合同赔偿金（2N：3个月×2×6000元）"),),
        text("""
            我在康宁口腔做牙科医生助理三年，月薪6000元。8月底诊所说我自己交了辞职信，不让我再上班。
            我根本没写过辞职信，信上的签名不是我签的。诊所其实是想换便宜的新人。我要求对签名做笔迹鉴定，
            并要求诊所支付违法解除的赔偿金。
        """),
        steps=(
            accept(40, "arbitrator2"),
            serve(39),
            defence(33, "申请人于2026年8月28日自行提交辞职信，被申请人同意其辞职，不存在违法解除。"),
            serve_defence(32),
            step(
                30,
                "supervisor",
                "suspend",
                ground=SuspensionGround.AWAITING_DETERMINATION,
                reason="申请人申请对辞职信签名进行笔迹鉴定，鉴定结论作出前本案无法审理",
            ),
            step(16, "supervisor", "resume", reason="笔迹鉴定意见书已送达，中止审理的原因消除"),
            oral(15, 9),
            conclude(9),
        ),
    ),
    # ---- closed by award --------------------------------------------------------------------------------
    DemoCase(
        ("zhang_wei",),
        "jiahe_logistics",
        SELF,
        130,
        "员村街",
        (
            claim(W.OVERTIME, "16320.00", "2024年7月至2025年6月休息日加班工资"),
            claim(W.REST_LEAVE, "2252.87", "2024年度未休年休假工资"),
        ),
        text("""
            我2022年3月到2025年8月在嘉禾物流员村仓做仓库管理员，月薪4900元。旺季每个月要上两到三个周六，
            没有补休也没有加班费，2024年的年假也没让休。离职时我找公司要，公司说仓库的人都一样。
            我有仓库的排班表和企业微信的打卡记录。后来我换到了现在的公司上班。
        """),
        steps=(
            accept(127, "arbitrator"),
            serve(126),
            defence(
                119, "仓库实行轮休，申请人所称周六上班已安排补休；申请人2024年度年休假已于春节前后统一安排。"
            ),
            serve_defence(118),
            oral(118, 105),
            conclude(105),
            step(
                92,
                P,
                "issue_award",
                reason="裁决被申请人支付申请人休息日加班工资9800元、未休年休假工资2252.87元，驳回其他请求。",
            ),
        ),
        consents=ASYNC,
    ),
    DemoCase(
        ("wu_haiyan",),
        "hongyun",
        COUNTER,
        75,
        "天河南街",
        (
            claim(W.WAGE_ARREARS, "9800.00", "2026年4月、5月工资（4900元/月×2个月）"),
            claim(W.ECONOMIC_COMPENSATION, "9800.00", "经济补偿"),
        ),
        text("""
            我在鸿运餐饮天河南的分店做楼面服务员，每月4900元。4月和5月的工资一直拖着，
            我6月初以拖欠工资为由辞职，店长说要等公司统一结算，之后一直没有结果。
        """),
        steps=(
            accept(72, "arbitrator2"),
            serve(71),
            defence(
                65, "被申请人确认欠付申请人4月、5月工资，但申请人工作年限不足两年，经济补偿应按1.5个月计算。"
            ),
            serve_defence(64),
            consent(64, R, async_hearing=True),
            start_async(63),
            conclude(50),
            step(
                45,
                P,
                "issue_award",
                reason="裁决被申请人支付申请人2026年4月、5月工资9800元及经济补偿7350元（终局裁决）。",
            ),
        ),
        consents=ASYNC,
    ),
    DemoCase(
        ("tan_yongqiang",),
        "suda",
        COUNTER,
        100,
        "沙河街",
        (claim(W.WORK_INJURY, "48000.00", "停工留薪期工资及一次性伤残就业补助金"),),
        text("""
            我是速达配送沙河站的全职配送员，2025年10月送货时在路上摔倒，左腿骨折，已经认定工伤，
            鉴定十级伤残。公司一直没给我交工伤保险，停工留薪期的工资和伤残补助都应该由公司出，但公司不认。
        """),
        steps=(
            accept(97, "arbitrator"),
            serve(96),
            defence(88, "申请人受伤后已领取商业意外险赔付，被申请人不应重复支付。"),
            serve_defence(87),
            oral(87, 75),
            conclude(75),
            step(
                70,
                P,
                "issue_award",
                reason="裁决被申请人支付申请人停工留薪期工资及一次性伤残就业补助金共计41600元。",
            ),
        ),
    ),
    DemoCase(
        ("li_qiuping",),
        "lvyuan",
        COUNTER,
        60,
        "兴华街",
        (claim(W.WAGE_ARREARS, "2800.00", "2026年7月、8月被扣发的工资（1400元/月）"),),
        text("""
            我是绿源环卫兴华片区的保洁员，7月和8月公司说我们片区检查不合格，每人每月扣1400元，
            只发了一点生活费。扣钱的事事先没说过，公司也没有这样的制度。
        """),
        steps=(
            accept(58, "arbitrator2", procedure=Procedure.SIMPLIFIED, parties_agree=True),
            step(58, "clerk", "agree_short_defence", days=5, reason="被申请人书面同意答辩期缩短为5日"),
            serve(58, defence_days=5),
            consent(57, R, async_hearing=True),
            start_async(56),
            conclude(48),
            step(
                46,
                P,
                "issue_award",
                reason="裁决被申请人返还申请人被扣发的工资2800元（简易处理，终局裁决）。",
            ),
        ),
        consents=ASYNC,
    ),
    DemoCase(
        ("qin_lijuan",),
        "xinghui",
        COUNTER,
        80,
        "天河南街",
        (
            claim(W.OVERTIME, "11200.00", "2025年10月至2026年6月法定节假日及休息日加班工资"),
            claim(W.REST_LEAVE, "2850.00", "未休年休假工资"),
        ),
        text("""
            我是星辉酒店的客房服务员，月薪4800元。酒店旺季经常一个月只休两三天，国庆、春节都要上班，
            酒店只给调休不给钱，可调休又总是排不上。6月我离职的时候问人事要加班费，人事说调休过期就作废。
        """),
        steps=(
            accept(77, "arbitrator"),
            serve(76),
            defence(
                70, "申请人休息日加班已安排调休，逾期未休系申请人个人原因；法定节假日加班费已随工资发放。"
            ),
            serve_defence(69),
            oral(69, 58),
            conclude(58),
            step(55, P, "start_mediation", reason="裁决前组织调解"),
            step(50, P, "end_mediation", reason="双方对金额差距较大，调解不成"),
            step(40, P, "issue_award", reason="裁决被申请人支付申请人加班工资8650元、未休年休假工资1103元。"),
        ),
    ),
    # ---- closed by a mediation document -----------------------------------------------------------------
    DemoCase(
        ("liang_jiayi",),
        "yunfan",
        COUNTER,
        70,
        "林和街",
        (claim(W.OTHER, "55000.00", "未签订书面劳动合同的二倍工资差额（5000元/月×11个月）"),),
        text("""
            我2025年3月进云帆科技做行政前台，月薪5000元，公司一直没跟我签劳动合同，我问过几次，
            人事都说在走流程。今年5月我离职以后才知道，没签合同可以要求二倍工资。
        """),
        steps=(
            accept(67, "arbitrator2"),
            serve(66),
            defence(
                60,
                text("""
                    申请人作为行政前台负责保管劳动合同，未签订劳动合同系其自身原因；
                    申请人的请求部分已超过仲裁时效。
                """),
            ),
            serve_defence(59),
            consent(59, R, async_hearing=True),
            start_async(58),
            step(50, P, "start_mediation", reason="异步审理中双方均表示愿意调解"),
            step(
                48,
                P,
                "mediation_agreement",
                items=[
                    {
                        "obligor": "respondent",
                        "kind": "payment",
                        "amount": "30000.00",
                        "due_in_days": 7,
                        "description": "一次性支付申请人",
                    },
                ],
                terms="双方自愿达成协议，调解书经双方签收后生效。",
            ),
        ),
        consents=ASYNC,
    ),
    DemoCase(
        ("han_xuemei",),
        "youpinhui",
        COUNTER,
        90,
        "天河南街",
        (claim(W.ECONOMIC_COMPENSATION, "18900.00", "经济补偿（3.5个月×5400元）"),),
        text("""
            我在优品汇的仓库做了三年多理货员，月薪5400元。7月公司说仓库要搬到增城，问我去不去，我家在天河，
            孩子在这边上学，去不了。公司就说那是我自己不干，不给补偿。
        """),
        steps=(
            accept(86, "arbitrator"),
            serve(85),
            defence(78, "仓库搬迁后被申请人提供了班车，劳动合同可以继续履行，申请人拒绝到岗属于主动辞职。"),
            serve_defence(77),
            oral(77, 66),
            step(66, P, "start_mediation", reason="庭审中双方同意调解"),
            step(
                64,
                P,
                "mediation_agreement",
                items=[
                    {
                        "obligor": "respondent",
                        "kind": "payment",
                        "amount": "15000.00",
                        "due_in_days": 10,
                        "description": "支付申请人经济补偿",
                    },
                ],
                terms="调解书经双方签收后生效。",
            ),
        ),
    ),
    DemoCase(
        ("su_huimin",),
        "jincheng",
        COUNTER,
        55,
        "猎德街",
        (
            claim(W.WAGE_ARREARS, "4200.00", "2026年7月工资"),
            claim(W.OTHER, "2000.00", "退还离职时被扣的工服押金及培训费"),
        ),
        text("""
            我在锦程物业猎德的写字楼做前台客服，7月辞职，公司说我没提前一个月通知，扣了我7月的工资4200元，
            还扣了2000元的押金和培训费。我是提前一个月交了书面辞职信的，有签收的照片。
        """),
        steps=(
            accept(52, "arbitrator2"),
            serve(51),
            step(48, P, "start_mediation", reason="被申请人收到申请书副本后表示愿意调解"),
            step(
                44,
                P,
                "mediation_agreement",
                items=[
                    {
                        "obligor": "respondent",
                        "kind": "payment",
                        "amount": "4200.00",
                        "due_in_days": 10,
                        "description": "支付申请人7月工资",
                    },
                    {
                        "obligor": "respondent",
                        "kind": "payment",
                        "amount": "500.00",
                        "due_in_days": 10,
                        "description": "退还押金",
                    },
                ],
                terms="调解书经双方签收后生效。",
            ),
        ),
    ),
    # ---- closed by withdrawal ---------------------------------------------------------------------------
    DemoCase(
        ("xu_lijuan",),
        "tianyu",
        AGENT,
        65,
        "石牌街",
        (
            claim(W.WAGE_ARREARS, "14500.00", "2026年6月、7月工资"),
            claim(W.ECONOMIC_COMPENSATION, "14500.00", "经济补偿（2个月×7250元）"),
        ),
        text("""
            我是天宇教育的课程顾问，底薪加业绩提成平均每月7250元，2026年6月、7月公司只发了底薪的一半。
            8月我提出辞职，公司一直不给结算。我委托王芳律师代理本案。
        """),
        steps=(
            accept(62, "arbitrator"),
            serve(61),
            defence(55, "申请人6月、7月未完成业绩指标，依提成制度不享有提成，被申请人已足额支付底薪。"),
            serve_defence(54),
            consent(54, R, async_hearing=True),
            start_async(53),
            step(45, A, "withdraw", reason="双方已庭外和解，被申请人已支付和解款项，申请人撤回仲裁申请。"),
        ),
        consents=ASYNC,
    ),
    DemoCase(
        ("cao_yongfu",),
        "junda",
        COUNTER,
        45,
        "车陂街",
        (claim(W.WAGE_ARREARS, "27600.00", "2026年4月至6月工资（92天×300元）"),),
        text("""
            我在骏达建筑车陂项目上做泥水工，一天300元，4月到6月干了92天，老板只发了生活费，
            说等楼盖好一起结。7月我回老家照顾老人，钱一直没结。
        """),
        steps=(
            accept(42, "arbitrator2"),
            serve(41),
            step(35, "clerk", "withdraw", reason="项目总承包方已代为支付拖欠工资，申请人到窗口申请撤回。"),
        ),
    ),
    DemoCase(
        ("ren_cuiying",),
        "hengxin",
        COUNTER,
        50,
        "员村街",
        (claim(W.SOCIAL_INSURANCE, "8600.00", "未缴纳医疗保险导致住院医疗费无法报销的损失"),),
        text("""
            我在恒信家政做了四年保洁，今年6月因为胆结石住院，花了一万多块，
            去报销才发现公司从去年起就停交了我的医保。本来能报销的那部分钱应该由公司出。
        """),
        steps=(
            accept(47, "arbitrator"),
            serve(46),
            defence(40, "因申请人社保账户信息变更导致断缴，被申请人同意协助补缴，但不同意赔偿医疗费损失。"),
            serve_defence(39),
            oral(39, 30),
            step(
                31,
                "clerk",
                "withdraw",
                reason="开庭前双方自行和解，被申请人已赔偿医疗费损失，申请人到窗口撤回申请。",
            ),
        ),
    ),
    # ---- closed by deemed withdrawal --------------------------------------------------------------------
    DemoCase(
        ("du_haitao",),
        "ruitong",
        COUNTER,
        60,
        "五山街",
        (claim(W.OTHER, "30000.00", "竞业限制经济补偿（10000元/月×3个月）"),),
        text("""
            我离职时公司让我签了竞业限制协议，约定离职后一年内不得到同行业工作，
            公司每月支付竞业限制补偿10000元。我离职已经三个月了，公司一分钱补偿都没给。
        """),
        steps=(
            accept(57, "arbitrator"),
            serve(56),
            defence(50, "申请人离职后即入职同行业公司，违反竞业限制义务，无权要求竞业限制补偿。"),
            serve_defence(49),
            oral(49, 40),
            step(
                39,
                P,
                "deem_withdrawn",
                reason=text("""
                    申请人经书面通知，无正当理由拒不到庭，按撤回仲裁申请处理（《劳动争议调解仲裁法》
                    第三十六条）。
                """),
            ),
        ),
    ),
    DemoCase(
        ("xiong_weidong",),
        "meijia",
        COUNTER,
        50,
        "车陂街",
        (claim(W.WAGE_ARREARS, "6300.00", "2026年6月工资及提成"),),
        text("""
            我在美佳美发店做发型师，底薪加提成，6月做满了一个月，老板说我跟客人吵架把客人气走了，
            6月的工资全扣了。
        """),
        steps=(
            accept(47, "arbitrator2"),
            serve(46),
            consent(45, R, async_hearing=True),
            start_async(44),
            oral(38, 31, reason="申请人在异步审理的陈述、举证期限内均未参加，转为开庭审理"),
            step(
                30,
                P,
                "deem_withdrawn",
                reason=text("""
                    申请人同意异步审理后未参加，转为开庭审理；经书面通知（已签收），无正当理由
                    拒不到庭，按撤回仲裁申请处理。
                """),
            ),
        ),
        consents=ASYNC,
    ),
    # ---- closed by cancellation -------------------------------------------------------------------------
    DemoCase(
        ("shen_jiaming",),
        "zhonglian",
        COUNTER,
        45,
        "石牌街",
        (claim(W.WAGE_ARREARS, "12600.00", "2026年6月、7月工资（6300元/月×2个月）"),),
        text("""
            我在众联电子做售后维修工程师，月薪6300元，公司6月、7月的工资都没发。公司注册地址在越秀，
            我在天河电脑城上班。
        """),
        steps=(
            accept(42, "arbitrator"),
            serve(41),
            step(
                35,
                "supervisor",
                "cancel",
                reason=text("""
                    经查，申请人已就同一争议事项于2026年8月向广州市越秀区劳动人事争议仲裁委员会申请仲裁并已
                    被受理，本案属重复受理，依照《劳动人事争议仲裁办案规则》第三十二条撤销案件。
                """),
            ),
        ),
    ),
    DemoCase(
        ("liao_guoqing",),
        "yuetong",
        COUNTER,
        35,
        "",
        (claim(W.WAGE_ARREARS, "15000.00", "2026年7月至9月工资（5000元/月×3个月）"),),
        text("""
            我是粤通货运的仓库搬运工，月薪5000元，7月到9月的工资一直拖欠。
            公司有时候让我们到天河的客户那里送货卸货，所以我在天河申请仲裁。
        """),
        steps=(
            accept(33, "arbitrator2"),
            step(
                25,
                P,
                "cancel",
                reason=text("""
                    经查明，申请人的劳动合同履行地为白云区太和镇被申请人仓库，被申请人住所地亦在白云区，
                    本委无管辖权，属受理错误，撤销案件；申请人可向广州市白云区劳动人事争议仲裁委员会申请仲裁
                    。
                """),
            ),
        ),
    ),
]
