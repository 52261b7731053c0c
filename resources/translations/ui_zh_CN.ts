<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>AlertNotifier</name>
        <message>
            <source>GridTerm</source>
            <translation>网格通</translation>
        </message>
        <message numerus="yes">
            <source>%n more alert(s)</source>
            <translation>
                <numerusform>另有 %n 条提醒</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Alerts</name>
        <message>
            <source>New</source>
            <translation>新</translation>
        </message>
        <message>
            <source>Never visited</source>
            <translation>从未走访</translation>
        </message>
        <message>
            <source>Last visit {date}</source>
            <translation>上次走访 {date}</translation>
        </message>
    </context>
    <context>
        <name>AlertsScreen</name>
        <message>
            <source>Alerts</source>
            <translation>提醒</translation>
        </message>
        <message>
            <source>Nothing needs your attention.</source>
            <translation>暂无需要处理的提醒。</translation>
        </message>
        <message numerus="yes">
            <source>%n new since you last looked</source>
            <translation>
                <numerusform>自上次查看以来有 %n 条新提醒</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing new since you last looked</source>
            <translation>自上次查看以来没有新提醒</translation>
        </message>
    </context>
    <context>
        <name>Building</name>
        <message>
            <source>Floor {floor}</source>
            <extracomment>A cell&apos;s ``TileCoverage`` (days since the last visit, overdue key household), or None.</extracomment>
            <translation>{floor}层</translation>
        </message>
        <message>
            <source>Unit {unit} · {position}</source>
            <translation>{unit}单元
{position}</translation>
        </message>
        <message>
            <source>key household</source>
            <translation>重点户</translation>
        </message>
        <message>
            <source>party member</source>
            <translation>党员</translation>
        </message>
        <message>
            <source>vacant</source>
            <translation>空置</translation>
        </message>
        <message>
            <source>rental</source>
            <translation>出租</translation>
        </message>
    </context>
    <context>
        <name>BuildingScreen</name>
        <message>
            <source>Key household</source>
            <translation>重点户</translation>
        </message>
        <message>
            <source>Party member</source>
            <translation>党员</translation>
        </message>
        <message>
            <source>Vacant</source>
            <translation>空房户</translation>
        </message>
        <message>
            <source>Rental</source>
            <translation>出租户</translation>
        </message>
        <message>
            <source>Small number: residents</source>
            <translation>小数字：居住人数</translation>
        </message>
        <message>
            <source>Households by floor and room</source>
            <translation>按楼层和房号排列的住户</translation>
        </message>
        <message>
            <source>One tile per household, top floor first; tap one to open it</source>
            <translation>每户一格，最高层在上；点一下打开该户</translation>
        </message>
        <message>
            <source>Shade by last visit</source>
            <translation>按走访时间着色</translation>
        </message>
        <message>
            <source>≤ 7 days</source>
            <translation>7天内</translation>
        </message>
        <message>
            <source>≤ 30 days</source>
            <translation>30天内</translation>
        </message>
        <message>
            <source>≤ 90 days</source>
            <translation>90天内</translation>
        </message>
        <message>
            <source>longer or never</source>
            <translation>更久或从未走访</translation>
        </message>
        <message>
            <source>Building</source>
            <translation>楼栋</translation>
        </message>
        <message>
            <source>{households} households on {floors} floors · {key} key</source>
            <translation>共 {households} 户 · {floors} 层 · 重点户 {key} 户</translation>
        </message>
        <message>
            <source>Building captain {name}</source>
            <translation>楼栋长 {name}</translation>
        </message>
    </context>
    <context>
        <name>CameraDialog</name>
        <message>
            <source>Take photo</source>
            <translation>拍照</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
    </context>
    <context>
        <name>ChecklistPage</name>
        <message>
            <source>Choose the checklist</source>
            <translation>选择检查表</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>暂停</translation>
        </message>
        <message>
            <source>Finish and sign</source>
            <translation>完成并签名</translation>
        </message>
        <message>
            <source>{operator} · {place} · {checklist} (version {version})</source>
            <translation>{operator} · {place} · {checklist}（版本 {version}）</translation>
        </message>
        <message>
            <source>Continuing the inspection started {time}.</source>
            <translation>继续 {time} 开始的巡查。</translation>
        </message>
        <message>
            <source>Answered {done}/{total}</source>
            <translation>已答 {done}/{total}</translation>
        </message>
    </context>
    <context>
        <name>Columns</name>
        <message>
            <source>Visit</source>
            <translation>走访</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <source>Resident</source>
            <translation>居民</translation>
        </message>
        <message>
            <source>Why key</source>
            <translation>重点户原因</translation>
        </message>
        <message>
            <source>Last visit</source>
            <translation>上次走访</translation>
        </message>
        <message>
            <source>Hazards</source>
            <translation>隐患</translation>
        </message>
        <message>
            <source>Name</source>
            <extracomment>The personal field each masked column shows.</extracomment>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Shop name</source>
            <translation>店名</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>经营者</translation>
        </message>
        <message>
            <source>Trade</source>
            <translation>行业</translation>
        </message>
        <message>
            <source>Licence no.</source>
            <translation>营业执照号</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>Inspector</source>
            <translation>巡查员</translation>
        </message>
        <message>
            <source>Hazards found</source>
            <translation>发现隐患</translation>
        </message>
        <message>
            <source>Relation</source>
            <translation>关系</translation>
        </message>
        <message>
            <source>Gender</source>
            <translation>性别</translation>
        </message>
        <message>
            <source>Age</source>
            <translation>年龄</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>ID number</source>
            <translation>身份证号</translation>
        </message>
        <message>
            <source>Health</source>
            <translation>健康状况</translation>
        </message>
        <message>
            <source>Found by</source>
            <translation>匹配方式</translation>
        </message>
        <message>
            <source>Grid</source>
            <translation>网格</translation>
        </message>
        <message>
            <source>Community</source>
            <translation>社区</translation>
        </message>
        <message>
            <source>Building</source>
            <translation>楼栋</translation>
        </message>
        <message>
            <source>Floors</source>
            <translation>层数</translation>
        </message>
        <message>
            <source>Households</source>
            <translation>户数</translation>
        </message>
        <message>
            <source>Worker</source>
            <translation>人员</translation>
        </message>
        <message>
            <source>Checked in</source>
            <translation>签到时间</translation>
        </message>
        <message>
            <source>Visits</source>
            <translation>走访</translation>
        </message>
        <message>
            <source>Key visits</source>
            <translation>重点户走访</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>今日应访</translation>
        </message>
        <message>
            <source>Key households</source>
            <translation>重点户</translation>
        </message>
        <message>
            <source>Open tickets</source>
            <translation>未办结工单</translation>
        </message>
        <message>
            <source>Building captain</source>
            <translation>楼栋长</translation>
        </message>
        <message>
            <source>Urgency</source>
            <translation>紧急</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Time limit</source>
            <translation>办理时限</translation>
        </message>
        <message>
            <source>Deadline</source>
            <translation>整改期限</translation>
        </message>
        <message>
            <source>Stall</source>
            <translation>摊位</translation>
        </message>
        <message>
            <source>Hazard</source>
            <translation>隐患</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>等级</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Responsible</source>
            <translation>整改责任人</translation>
        </message>
        <message>
            <source>Market</source>
            <translation>市场</translation>
        </message>
        <message>
            <source>Stalls</source>
            <translation>商户数</translation>
        </message>
        <message>
            <source>Reported</source>
            <translation>已上报</translation>
        </message>
        <message>
            <source>Being rectified</source>
            <translation>整改中</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>逾期</translation>
        </message>
        <message>
            <source>Level</source>
            <translation>层级</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>等待时长</translation>
        </message>
        <message>
            <source>Mine</source>
            <translation>我的</translation>
        </message>
        <message>
            <source>Server&apos;s</source>
            <translation>服务器的</translation>
        </message>
        <message>
            <source>Value now</source>
            <translation>现在的值</translation>
        </message>
        <message>
            <source>Refused values</source>
            <translation>被拒的值</translation>
        </message>
        <message>
            <source>Since</source>
            <translation>起始时间</translation>
        </message>
        <message>
            <source>Which</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Written by</source>
            <translation>填写人</translation>
        </message>
        <message>
            <source>New</source>
            <translation>新</translation>
        </message>
        <message>
            <source>Alert</source>
            <translation>提醒</translation>
        </message>
        <message>
            <source>About</source>
            <translation>对象</translation>
        </message>
        <message>
            <source>When</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Choice</source>
            <translation>选择</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>值</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>记录</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>操作</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Refused</source>
            <translation>退回时间</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>字段</translation>
        </message>
        <message>
            <source>Step</source>
            <translation>环节</translation>
        </message>
        <message>
            <source>By</source>
            <translation>经办人</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>说明</translation>
        </message>
        <message>
            <source>Photos</source>
            <translation>照片</translation>
        </message>
        <message>
            <source>Visit type</source>
            <translation>走访类型</translation>
        </message>
        <message>
            <source>Met</source>
            <translation>接待人</translation>
        </message>
        <message>
            <source>Raised</source>
            <translation>居民诉求</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>处理结果</translation>
        </message>
    </context>
    <context>
        <name>ConcernRow</name>
        <message>
            <source>Category</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>What did they raise? e.g. the corridor light is broken</source>
            <translation>居民反映了什么？例如：楼道灯坏了</translation>
        </message>
        <message>
            <source>What was raised</source>
            <translation>反映的问题</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>删除</translation>
        </message>
    </context>
    <context>
        <name>ConflictQueueScreen</name>
        <message>
            <source>A value written on a terminal was refused because someone changed the field first. Nothing is settled until a person chooses; every value stays recorded.</source>
            <translation>终端上填写的值因他人先改了该字段而被拒。须有人选定后才算处理；每个值都保留记录。</translation>
        </message>
        <message>
            <source>Conflicts</source>
            <translation>冲突</translation>
        </message>
        <message>
            <source>No open conflicts in your area.</source>
            <translation>本辖区没有待处理的冲突。</translation>
        </message>
        <message>
            <source>Values</source>
            <translation>各方的值</translation>
        </message>
        <message>
            <source>Keep this value</source>
            <translation>保留这个值</translation>
        </message>
        <message>
            <source>Or write the right value</source>
            <translation>或填写正确的值</translation>
        </message>
        <message>
            <source>Use this value</source>
            <translation>使用此值</translation>
        </message>
        <message>
            <source>{fields} fields with {values} refused values to settle</source>
            <translation>{fields} 个字段，{values} 个被拒的值待处理</translation>
        </message>
    </context>
    <context>
        <name>ConflictsPanel</name>
        <message>
            <source>A field changed here and on the server. Choose the value that stays; both values stay recorded. A ticket&apos;s status follows its steps.</source>
            <translation>同一字段在本终端和服务器上都被修改。请选择保留哪个值；两个值都会留档。工单状态由办理步骤决定。</translation>
        </message>
        <message>
            <source>Conflicts</source>
            <translation>冲突</translation>
        </message>
        <message>
            <source>Settled conflicts</source>
            <translation>已解决的冲突</translation>
        </message>
        <message>
            <source>Keep mine</source>
            <translation>保留我的</translation>
        </message>
        <message>
            <source>Take the server&apos;s</source>
            <translation>采用服务器的</translation>
        </message>
        <message>
            <source>Or write the right value</source>
            <translation>或填写正确的值</translation>
        </message>
        <message>
            <source>Use this value</source>
            <translation>使用此值</translation>
        </message>
        <message numerus="yes">
            <source>Settled (%n)</source>
            <translation>
                <numerusform>已处理（%n）</numerusform>
            </translation>
        </message>
        <message>
            <source>{record}: mine {mine}, server&apos;s {server}</source>
            <translation>{record}：我的 {mine}，服务器的 {server}</translation>
        </message>
        <message>
            <source>Accept the server&apos;s status</source>
            <translation>接受服务器的状态</translation>
        </message>
    </context>
    <context>
        <name>DepartmentPicker</name>
        <message>
            <source>Another department</source>
            <translation>其他部门</translation>
        </message>
    </context>
    <context>
        <name>Due</name>
        <message>
            <source>Due today</source>
            <translation>今日应访</translation>
        </message>
        <message>
            <source>Never visited</source>
            <translation>从未走访</translation>
        </message>
        <message numerus="yes">
            <source>Overdue %n day(s)</source>
            <translation>
                <numerusform>逾期 %n 天</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>EditScreen</name>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>保存</translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <source>Give the date as year-month-day.</source>
            <translation>请按“年-月-日”填写日期。</translation>
        </message>
        <message>
            <source>Give the month as year-month.</source>
            <translation>请按“年-月”填写月份。</translation>
        </message>
        <message>
            <source>A report cannot cover the future.</source>
            <translation>报表不能统计未来的日期。</translation>
        </message>
        <message>
            <source>Choose xlsx, CSV, PDF or JSON.</source>
            <translation>请选择 xlsx、CSV、PDF 或 JSON。</translation>
        </message>
        <message>
            <source>Choose one area: a grid, a community or a street office.</source>
            <translation>请只选择一个范围：网格、社区或街道。</translation>
        </message>
        <message>
            <source>There is no such area.</source>
            <translation>没有这个范围。</translation>
        </message>
        <message>
            <source>This area is outside yours.</source>
            <translation>该范围不在您的管辖范围内。</translation>
        </message>
        <message>
            <source>You have no area to report on.</source>
            <translation>您没有可统计的范围。</translation>
        </message>
        <message>
            <source>Reports are for community supervisors and street office staff.</source>
            <translation>报表仅供社区书记和街道工作人员使用。</translation>
        </message>
        <message>
            <source>The file cannot be written there (is the folder or USB drive still there?). Nothing was saved.</source>
            <translation>无法写入该位置（文件夹或U盘是否还在？），未保存任何文件。</translation>
        </message>
        <message>
            <source>No Chinese font is installed for PDFs: install fonts-wqy-microhei.</source>
            <translation>未安装生成 PDF 所需的中文字体：请安装 fonts-wqy-microhei。</translation>
        </message>
        <message>
            <source>A ticket&apos;s status follows its steps: accept the server&apos;s status, then open the ticket to act again.</source>
            <translation>工单状态由办理步骤决定：请接受服务器的状态，再打开工单重新操作。</translation>
        </message>
        <message>
            <source>Only a text field takes a value you type: keep yours or take the server&apos;s.</source>
            <translation>只有文字字段可以填写新值：请保留我的或采用服务器的。</translation>
        </message>
        <message>
            <source>This conflict is settled already.</source>
            <translation>该冲突已处理。</translation>
        </message>
        <message>
            <source>This kind of conflict is settled by a supervisor.</source>
            <translation>此类冲突由社区负责人处理。</translation>
        </message>
        <message>
            <source>Please fill in the {field}.</source>
            <translation>请填写{field}。</translation>
        </message>
        <message>
            <source>The {field} is too long (at most {max_len} characters).</source>
            <translation>{field}太长（最多 {max_len} 个字）。</translation>
        </message>
        <message>
            <source>The {field} is too large (at most {max_len} characters).</source>
            <translation>{field}太大（最多 {max_len} 个字）。</translation>
        </message>
        <message>
            <source>The {field} is nested too deeply (at most {max_depth} levels).</source>
            <translation>{field}嵌套层数太多（最多 {max_depth} 层）。</translation>
        </message>
        <message>
            <source>The {field} is not a phone number (11-digit mobile or landline).</source>
            <translation>{field}不是有效的电话号码（11 位手机号或座机号）。</translation>
        </message>
        <message>
            <source>The ID number is not valid: check all 18 characters.</source>
            <translation>身份证号无效，请核对全部 18 位。</translation>
        </message>
        <message>
            <source>The {field} is not a valid date.</source>
            <translation>{field}不是有效日期。</translation>
        </message>
        <message>
            <source>The {field} is not a valid time.</source>
            <translation>{field}不是有效时间。</translation>
        </message>
        <message>
            <source>Please choose the {field}.</source>
            <translation>请选择{field}。</translation>
        </message>
        <message>
            <source>The {field} must be text.</source>
            <translation>{field}必须是文字。</translation>
        </message>
        <message>
            <source>The {field} is not a list.</source>
            <translation>{field}格式不对。</translation>
        </message>
        <message>
            <source>The {field} must be yes or no.</source>
            <translation>{field}只能是“是”或“否”。</translation>
        </message>
        <message>
            <source>The {field} is incomplete.</source>
            <translation>{field}不完整。</translation>
        </message>
        <message>
            <source>A photo is damaged; take it again.</source>
            <translation>照片已损坏，请重新拍摄。</translation>
        </message>
        <message>
            <source>A PIN is 6 to 12 digits.</source>
            <translation>PIN 码为 6 到 12 位数字。</translation>
        </message>
        <message>
            <source>Worker ID or PIN is wrong.</source>
            <translation>工号或 PIN 码错误。</translation>
        </message>
        <message>
            <source>There is no database on this terminal yet. Use demo data or enroll.</source>
            <translation>本终端还没有数据库。请使用演示数据或注册终端。</translation>
        </message>
        <message>
            <source>A database exists here already.</source>
            <translation>此处已有数据库。</translation>
        </message>
        <message>
            <source>This database comes from a newer GridTerm. Update the app first.</source>
            <translation>该数据库来自更新版本的网格通，请先升级应用。</translation>
        </message>
        <message>
            <source>This file is not a GridTerm database.</source>
            <translation>该文件不是网格通数据库。</translation>
        </message>
        <message>
            <source>The key file cannot be read.</source>
            <translation>无法读取密钥文件。</translation>
        </message>
        <message>
            <source>You were logged out. Please log in again.</source>
            <translation>您已退出登录，请重新登录。</translation>
        </message>
        <message>
            <source>Too many wrong PINs on this terminal. Wait, then try again.</source>
            <translation>输错 PIN 码的次数过多，请稍候再试。</translation>
        </message>
        <message>
            <source>Too many wrong PINs. This terminal may hold unsynced work, so it was not erased.</source>
            <translation>输错 PIN 码的次数过多。本机可能有未同步的记录，所以没有清除。</translation>
        </message>
        <message>
            <source>Too many wrong PINs: this terminal&apos;s keys and data were erased. Ask your supervisor for a new enrollment code.</source>
            <translation>输错 PIN 码的次数过多，本机的密钥和数据已清除。请向主管要一个新的注册码。</translation>
        </message>
        <message>
            <source>The street office has withdrawn this terminal: its keys and data are erased. Ask your supervisor for a new enrollment code.</source>
            <translation>街道已停用这台终端：本机的密钥和数据已清除。请向主管要一个新的注册码。</translation>
        </message>
        <message>
            <source>Only a community supervisor or street staff may confirm erasing a terminal.</source>
            <translation>只有社区书记/主任或街道工作人员可以确认清除终端。</translation>
        </message>
        <message>
            <source>This worker has no account on the terminal.</source>
            <translation>本终端上没有该工号的账户。</translation>
        </message>
        <message>
            <source>Record what the residents raised, or choose “Nothing raised”.</source>
            <translation>请记录居民反映的问题，或选择“无诉求”。</translation>
        </message>
        <message>
            <source>Concerns were recorded, so the outcome cannot be “Nothing raised”.</source>
            <translation>已记录居民诉求，处理结果不能选“无诉求”。</translation>
        </message>
        <message>
            <source>A ticket needs the outcome “Open a ticket”.</source>
            <translation>生成工单需要选择处理结果“转为工单”。</translation>
        </message>
        <message>
            <source>This visit was corrected already; correct the newest version.</source>
            <translation>该走访记录已被更正过，请更正最新版本。</translation>
        </message>
        <message>
            <source>This step is not possible for the ticket now.</source>
            <translation>工单当前状态不能进行此操作。</translation>
        </message>
        <message>
            <source>Your role cannot do this at the ticket&apos;s level.</source>
            <translation>您的角色不能在该工单所在层级进行此操作。</translation>
        </message>
        <message>
            <source>Name the department.</source>
            <translation>请填写处置部门。</translation>
        </message>
        <message>
            <source>Say why the ticket is reopened.</source>
            <translation>请说明重新打开的原因。</translation>
        </message>
        <message>
            <source>Say why the ticket goes up a level.</source>
            <translation>请说明上报上级的原因。</translation>
        </message>
        <message>
            <source>The street office is the top level already.</source>
            <translation>已是街道层级，不能再上报。</translation>
        </message>
        <message>
            <source>Take a photo on site to verify the ticket.</source>
            <translation>请在现场拍照后再核查。</translation>
        </message>
        <message>
            <source>Someone other than the reporter must verify (the street office&apos;s rule).</source>
            <translation>按街道规定，核查须由上报人以外的人员进行。</translation>
        </message>
        <message>
            <source>{missing} items are not answered yet.</source>
            <translation>还有 {missing} 项未检查。</translation>
        </message>
        <message>
            <source>A failed item needs a photo or a note.</source>
            <translation>不合格项需要照片或说明。</translation>
        </message>
        <message>
            <source>This inspection is completed and can no longer change.</source>
            <translation>本次巡查已完成，不能再修改。</translation>
        </message>
        <message>
            <source>Let the operator sign, or say why the operator cannot.</source>
            <translation>请经营者签名，或说明无法签名的原因。</translation>
        </message>
        <message>
            <source>The operator signed, so the operator was present: clear the reason.</source>
            <translation>经营者已签名，说明其在场：请清除不在场原因。</translation>
        </message>
        <message>
            <source>There is no checklist on this terminal yet: sync first.</source>
            <translation>本终端还没有检查表，请先同步。</translation>
        </message>
        <message>
            <source>Record the rectification (with a photo) before the re-inspection.</source>
            <translation>请先登记整改完成（附照片），再进行复查。</translation>
        </message>
        <message>
            <source>Take a photo of the rectified hazard.</source>
            <translation>请拍摄整改后的照片。</translation>
        </message>
        <message>
            <source>Take an after-photo on site to pass the re-inspection.</source>
            <translation>复查合格须现场拍摄整改后照片。</translation>
        </message>
        <message>
            <source>Take a photo on site to verify the hazard closed.</source>
            <translation>核查销号须现场拍照。</translation>
        </message>
        <message>
            <source>The department has not handled the ticket yet.</source>
            <translation>职能部门尚未处置该工单。</translation>
        </message>
        <message>
            <source>A failed re-inspection needs a photo or a note.</source>
            <translation>复查不合格需要照片或说明。</translation>
        </message>
        <message>
            <source>Name who must rectify it.</source>
            <translation>请填写整改责任方。</translation>
        </message>
        <message>
            <source>This step is not possible for the hazard now.</source>
            <translation>该隐患当前不能执行此操作。</translation>
        </message>
        <message>
            <source>Only a hazard being rectified can be escalated.</source>
            <translation>只有整改中的隐患可以转为工单。</translation>
        </message>
        <message>
            <source>This hazard has a ticket already.</source>
            <translation>该隐患已转为工单。</translation>
        </message>
        <message>
            <source>Only a failed item becomes a hazard.</source>
            <translation>只有不合格项才能作为隐患上报。</translation>
        </message>
        <message>
            <source>You are not checked in.</source>
            <translation>您还没有签到。</translation>
        </message>
        <message>
            <source>You are checked in already.</source>
            <translation>您已经签到了。</translation>
        </message>
        <message>
            <source>Nothing was changed.</source>
            <translation>没有任何修改。</translation>
        </message>
        <message>
            <source>This grid is not in your area.</source>
            <translation>该网格不在您的管辖范围内。</translation>
        </message>
        <message>
            <source>Stalls and shops belong to a market (special grid).</source>
            <translation>商户只能登记在市场（专属网格）中。</translation>
        </message>
        <message>
            <source>Only JPEG, PNG or WebP photos.</source>
            <translation>只支持 JPEG、PNG 或 WebP 照片。</translation>
        </message>
        <message>
            <source>The photo is empty or larger than {max_mb} MB.</source>
            <translation>照片为空或大于 {max_mb} MB。</translation>
        </message>
        <message>
            <source>This file is not a photo that can be read.</source>
            <translation>该文件不是可读取的照片。</translation>
        </message>
        <message>
            <source>This terminal is not enrolled with a server (demo data): records stay on it.</source>
            <translation>本终端尚未注册到服务器（演示数据）：记录只保存在本终端。</translation>
        </message>
        <message>
            <source>A sync is already running.</source>
            <translation>正在同步中。</translation>
        </message>
        <message>
            <source>The server cannot be reached. Records stay safe here and go with the signal.</source>
            <translation>连接不上服务器。记录已安全保存在本终端，有信号时会自动发送。</translation>
        </message>
        <message>
            <source>The server&apos;s certificate is not trusted: the connection may be intercepted. Nothing was sent; records stay safe here. Tell your supervisor.</source>
            <translation>服务器证书不可信：连接可能被拦截。没有发送任何数据，记录安全地保存在本机。请告知主管。</translation>
        </message>
        <message>
            <source>The certificate settings are wrong: the CA file must be a .pem file of certificates, the pin 64 hexadecimal digits.</source>
            <translation>证书设置有误：CA 文件必须是包含证书的 .pem 文件，固定指纹必须是 64 位十六进制数字。</translation>
        </message>
        <message>
            <source>The server answered wrongly. Records stay safe here; try again later.</source>
            <translation>服务器应答异常。记录已安全保存在本终端，请稍后再试。</translation>
        </message>
        <message>
            <source>Log in again to sync.</source>
            <translation>请重新登录后再同步。</translation>
        </message>
        <message>
            <source>The street office has withdrawn this terminal.</source>
            <translation>街道已停用这台终端。</translation>
        </message>
        <message>
            <source>This worker has no account on this terminal.</source>
            <translation>本终端上没有该工号的账户。</translation>
        </message>
        <message>
            <source>Sync is not available in this version yet; records stay safe on the terminal.</source>
            <translation>此版本暂不支持同步；记录已安全保存在终端上。</translation>
        </message>
        <message>
            <source>No server is set. Enter the server address in Settings.</source>
            <translation>尚未设置服务器，请在“设置”中填写服务器地址。</translation>
        </message>
        <message>
            <source>The server address must start with https:// (or http:// for testing).</source>
            <translation>服务器地址须以 https:// 开头（测试时可用 http://）。</translation>
        </message>
        <message>
            <source>The enrollment code is the 12 letters and digits your supervisor gave you (ABCD-EFGH-JKLM).</source>
            <translation>注册码是主管给您的 12 位字母和数字（ABCD-EFGH-JKLM）。</translation>
        </message>
        <message>
            <source>This enrollment code is unknown or used up: ask your supervisor for a new one.</source>
            <translation>这个注册码无效或已用过：请向上级要一个新的。</translation>
        </message>
        <message>
            <source>Too many wrong enrollment codes from here. Wait an hour, then try again.</source>
            <translation>这里输错注册码的次数太多。请一小时后再试。</translation>
        </message>
        <message>
            <source>Too many wrong PINs on this terminal. Wait a little, then try again.</source>
            <translation>这台终端上输错 PIN 的次数太多。请稍等片刻再试。</translation>
        </message>
        <message>
            <source>Your role may not see this in clear: it stays hidden.</source>
            <translation>您的角色不能查看完整信息：仍然隐藏。</translation>
        </message>
        <message>
            <source>This record is no longer on the terminal.</source>
            <translation>该记录已不在本终端上。</translation>
        </message>
        <message>
            <source>Your role does not allow this.</source>
            <translation>您的角色无权进行此操作。</translation>
        </message>
        <message>
            <source>Something went wrong. It has been noted for support; please try again.</source>
            <translation>出了点问题，已记录下来供技术支持查看。请再试一次。</translation>
        </message>
    </context>
    <context>
        <name>Fields</name>
        <message>
            <source>name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>gender</source>
            <translation>性别</translation>
        </message>
        <message>
            <source>date of birth</source>
            <translation>出生日期</translation>
        </message>
        <message>
            <source>relation</source>
            <translation>与户主关系</translation>
        </message>
        <message>
            <source>ID number</source>
            <translation>身份证号</translation>
        </message>
        <message>
            <source>phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>health</source>
            <translation>健康状况</translation>
        </message>
        <message>
            <source>notes</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>who was met</source>
            <translation>接待人</translation>
        </message>
        <message>
            <source>what residents raised</source>
            <translation>居民诉求</translation>
        </message>
        <message>
            <source>kind of concern</source>
            <translation>诉求类型</translation>
        </message>
        <message>
            <source>category</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>visit type</source>
            <translation>走访类型</translation>
        </message>
        <message>
            <source>outcome</source>
            <translation>处理结果</translation>
        </message>
        <message>
            <source>title</source>
            <translation>标题</translation>
        </message>
        <message>
            <source>description</source>
            <translation>描述</translation>
        </message>
        <message>
            <source>address or location</source>
            <translation>地址或位置</translation>
        </message>
        <message>
            <source>note</source>
            <translation>说明</translation>
        </message>
        <message>
            <source>department</source>
            <translation>部门</translation>
        </message>
        <message>
            <source>PIN</source>
            <translation>PIN 码</translation>
        </message>
        <message>
            <source>photos</source>
            <translation>照片</translation>
        </message>
        <message>
            <source>operator</source>
            <translation>经营者</translation>
        </message>
        <message>
            <source>licence number</source>
            <translation>营业执照号</translation>
        </message>
        <message>
            <source>contact phone</source>
            <translation>联系电话</translation>
        </message>
        <message>
            <source>trade</source>
            <translation>行业</translation>
        </message>
        <message>
            <source>building</source>
            <translation>楼栋</translation>
        </message>
        <message>
            <source>floor</source>
            <translation>楼层</translation>
        </message>
        <message>
            <source>row</source>
            <translation>排号</translation>
        </message>
        <message>
            <source>stall number</source>
            <translation>摊位号</translation>
        </message>
        <message>
            <source>status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>urgent</source>
            <translation>紧急</translation>
        </message>
        <message>
            <source>rented out</source>
            <translation>出租</translation>
        </message>
        <message>
            <source>vacant</source>
            <translation>空置</translation>
        </message>
        <message>
            <source>party member</source>
            <translation>党员</translation>
        </message>
        <message>
            <source>key household reasons</source>
            <translation>重点户类别</translation>
        </message>
        <message>
            <source>severity</source>
            <translation>隐患等级</translation>
        </message>
        <message>
            <source>rectification deadline</source>
            <translation>整改期限</translation>
        </message>
        <message>
            <source>responsible party</source>
            <translation>整改责任方</translation>
        </message>
        <message>
            <source>reason the operator is absent</source>
            <translation>经营者不在场的原因</translation>
        </message>
        <message>
            <source>signature</source>
            <translation>签名</translation>
        </message>
    </context>
    <context>
        <name>FirstRunScreen</name>
        <message>
            <source>Welcome to GridTerm</source>
            <translation>欢迎使用网格通</translation>
        </message>
        <message>
            <source>The field terminal for grid workers. How do you want to start?</source>
            <translation>网格员的外勤工作终端。您想怎样开始？</translation>
        </message>
        <message>
            <source>Try with demo data</source>
            <translation>用演示数据试用</translation>
        </message>
        <message>
            <source>A made-up street office with communities, buildings, households and tickets is created on this terminal. No server and no network needed.</source>
            <translation>在本终端上生成一个虚构的街道，包含社区、楼栋、住户和工单。无需服务器，也无需联网。</translation>
        </message>
        <message>
            <source>Use demo data</source>
            <translation>使用演示数据</translation>
        </message>
        <message>
            <source>Enroll with a server</source>
            <translation>注册到服务器</translation>
        </message>
        <message>
            <source>Your supervisor gives you the server address and a one-time enrollment code.</source>
            <translation>服务器地址和一次性注册码由您的主管提供。</translation>
        </message>
        <message>
            <source>Server address, e.g. https://grid.example.cn</source>
            <translation>服务器地址，例如 https://grid.example.cn</translation>
        </message>
        <message>
            <source>Enrollment code, e.g. ABCD-EFGH-JKLM</source>
            <translation>注册码，例如 ABCD-EFGH-JKLM</translation>
        </message>
        <message>
            <source>Your worker ID</source>
            <translation>您的工号</translation>
        </message>
        <message>
            <source>Your PIN (6 to 12 digits)</source>
            <translation>您的 PIN 码（6 到 12 位数字）</translation>
        </message>
        <message>
            <source>Server address</source>
            <translation>服务器地址</translation>
        </message>
        <message>
            <source>Enrollment code</source>
            <translation>注册码</translation>
        </message>
        <message>
            <source>Worker ID</source>
            <translation>工号</translation>
        </message>
        <message>
            <source>PIN</source>
            <translation>PIN 码</translation>
        </message>
        <message>
            <source>Enroll</source>
            <translation>注册</translation>
        </message>
        <message>
            <source>Enrolling with the server…</source>
            <translation>正在注册到服务器……</translation>
        </message>
        <message>
            <source>Creating the demo street office… this takes a few seconds.</source>
            <translation>正在生成演示街道……需要几秒钟。</translation>
        </message>
    </context>
    <context>
        <name>FormDraft</name>
        <message>
            <source>Restored your unsaved changes from {time}.</source>
            <translation>已恢复您 {time} 未保存的修改。</translation>
        </message>
    </context>
    <context>
        <name>HazardDetailScreen</name>
        <message>
            <source>Checklist item</source>
            <extracomment>Escalating (吹哨) hands the hazard to a ticket dispatched to a department. Steps the screen offers (a department&apos;s handling follows from its ticket&apos;s step). The rows of the action panel each step shows.</extracomment>
            <translation>检查项</translation>
        </message>
        <message>
            <source>Premises</source>
            <translation>商户</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>隐患等级</translation>
        </message>
        <message>
            <source>Rectify by</source>
            <translation>整改期限</translation>
        </message>
        <message>
            <source>Responsible</source>
            <translation>责任方</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>描述</translation>
        </message>
        <message>
            <source>Open the ticket</source>
            <translation>打开工单</translation>
        </message>
        <message>
            <source>Before and after</source>
            <translation>整改前后对比</translation>
        </message>
        <message>
            <source>When found</source>
            <translation>发现时</translation>
        </message>
        <message>
            <source>After rectification</source>
            <translation>整改后</translation>
        </message>
        <message>
            <source>This hazard is verified closed.</source>
            <translation>该隐患已核查销号。</translation>
        </message>
        <message>
            <source>Urgent (10-minute response)</source>
            <translation>紧急（10分钟响应）</translation>
        </message>
        <message>
            <source>Rectified by</source>
            <translation>整改人</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>说明</translation>
        </message>
        <message>
            <source>Photo on site</source>
            <translation>现场照片</translation>
        </message>
        <message>
            <source>Department</source>
            <translation>处置部门</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>No photo</source>
            <translation>无照片</translation>
        </message>
        <message>
            <source>Hazard</source>
            <translation>隐患</translation>
        </message>
        <message>
            <source>Hazard: {name}</source>
            <translation>隐患：{name}</translation>
        </message>
        <message numerus="yes">
            <source>Overdue by %n day(s)</source>
            <translation>
                <numerusform>已逾期 %n 天</numerusform>
            </translation>
        </message>
        <message>
            <source>{name}, or the department that did it</source>
            <translation>{name}，或完成整改的部门</translation>
        </message>
        <message>
            <source>What was found on site? (a note or a photo is required)</source>
            <translation>现场情况如何？（须填写说明或拍照）</translation>
        </message>
        <message>
            <source>Optional note</source>
            <translation>备注（可选）</translation>
        </message>
    </context>
    <context>
        <name>Hazards</name>
        <message>
            <source>{date} · %n days overdue</source>
            <translation>{date} · 逾期 %n 天</translation>
        </message>
        <message>
            <source>{date} · due today</source>
            <translation>{date} · 今日到期</translation>
        </message>
        <message>
            <source>{date} · %n days left</source>
            <translation>{date} · 剩余 %n 天</translation>
        </message>
    </context>
    <context>
        <name>HazardsScreen</name>
        <message>
            <source>Hazard status by market</source>
            <translation>各市场隐患状态</translation>
        </message>
        <message>
            <source>Overdue only</source>
            <translation>只看逾期</translation>
        </message>
        <message>
            <source>Open hazards</source>
            <translation>未销号隐患</translation>
        </message>
        <message>
            <source>No open hazards.</source>
            <translation>没有未销号的隐患。</translation>
        </message>
        <message>
            <source>Hazards</source>
            <translation>隐患</translation>
        </message>
        <message>
            <source>{year}-{month:02d}: hazards found and eliminated</source>
            <translation>{year}年{month:02d}月 隐患发现与整改</translation>
        </message>
        <message>
            <source>Found {found}, eliminated {eliminated}</source>
            <translation>发现隐患 {found} 处，已整改销号 {eliminated} 处</translation>
        </message>
        <message numerus="yes">
            <source>%n open hazards past their deadline</source>
            <translation>
                <numerusform>%n 处隐患已超过整改期限</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Open hazards, nearest deadline first (%n)</source>
            <translation>
                <numerusform>未销号隐患（%n），按整改期限排序</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HouseholdEditScreen</name>
        <message>
            <source>Key household because</source>
            <translation>重点户原因</translation>
        </message>
        <message>
            <source>Party member household</source>
            <translation>党员户</translation>
        </message>
        <message>
            <source>Vacant</source>
            <translation>空房户</translation>
        </message>
        <message>
            <source>Rental</source>
            <translation>出租户</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>标签</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Edit household {address}</source>
            <translation>修改住户 {address}</translation>
        </message>
        <message>
            <source>Household saved.</source>
            <translation>户信息已保存。</translation>
        </message>
    </context>
    <context>
        <name>HouseholdScreen</name>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Show</source>
            <translation>显示</translation>
        </message>
        <message>
            <source>Show the phone number (the view is recorded)</source>
            <translation>显示电话号码（查看会被记录）</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Record a visit</source>
            <translation>记录走访</translation>
        </message>
        <message>
            <source>Edit household</source>
            <translation>修改住户</translation>
        </message>
        <message>
            <source>Add resident</source>
            <translation>新增居民</translation>
        </message>
        <message>
            <source>Residents</source>
            <translation>居民</translation>
        </message>
        <message>
            <source>Visits</source>
            <translation>走访记录</translation>
        </message>
        <message>
            <source>Open tickets</source>
            <translation>未办结工单</translation>
        </message>
        <message numerus="yes">
            <source>Residents (%n)</source>
            <translation>
                <numerusform>居民（%n）</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Visits (%n)</source>
            <translation>
                <numerusform>走访记录（%n）</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Open tickets (%n)</source>
            <translation>
                <numerusform>未办结工单（%n）</numerusform>
            </translation>
        </message>
        <message>
            <source>Household</source>
            <translation>住户</translation>
        </message>
        <message>
            <source>Household {address}</source>
            <translation>住户 {address}</translation>
        </message>
        <message>
            <source>{community} · {grid} · building {building}, unit {unit}, floor {floor}</source>
            <translation>{community} · {grid} · {building}栋{unit}单元 {floor}层</translation>
        </message>
        <message>
            <source>none</source>
            <translation>无</translation>
        </message>
        <message>
            <source>Key household: {reasons}</source>
            <translation>重点户：{reasons}</translation>
        </message>
        <message>
            <source>Party member household</source>
            <translation>党员户</translation>
        </message>
        <message>
            <source>Vacant</source>
            <translation>空房户</translation>
        </message>
        <message>
            <source>Rental</source>
            <translation>出租户</translation>
        </message>
        <message>
            <source>No tags</source>
            <translation>无标签</translation>
        </message>
    </context>
    <context>
        <name>InspectionScreen</name>
        <message>
            <source>Inspection</source>
            <extracomment>The answers as the database has them (to write only what changed).</extracomment>
            <translation>巡查</translation>
        </message>
        <message>
            <source>Inspection: {name}</source>
            <translation>巡查：{name}</translation>
        </message>
    </context>
    <context>
        <name>ItemCard</name>
        <message>
            <source>Photos</source>
            <translation>照片</translation>
        </message>
        <message>
            <source>What is wrong, e.g. extension leads chained</source>
            <translation>存在什么问题，如插线板串接</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>说明</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>隐患等级</translation>
        </message>
        <message>
            <source>Rectify by</source>
            <translation>整改期限</translation>
        </message>
        <message>
            <source>Who must rectify it</source>
            <translation>由谁整改</translation>
        </message>
        <message>
            <source>Responsible</source>
            <translation>责任方</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <source>Routine visit</source>
            <translation>日常走访</translation>
        </message>
        <message>
            <source>Key-group care</source>
            <translation>重点人群关爱</translation>
        </message>
        <message>
            <source>Policy publicity</source>
            <translation>政策宣传</translation>
        </message>
        <message>
            <source>Dispute mediation</source>
            <translation>矛盾调解</translation>
        </message>
        <message>
            <source>Safety check</source>
            <translation>安全检查</translation>
        </message>
        <message>
            <source>Epidemic prevention</source>
            <translation>疫情防控</translation>
        </message>
        <message>
            <source>Elderly living alone</source>
            <translation>独居老人</translation>
        </message>
        <message>
            <source>Empty-nest elderly</source>
            <translation>空巢老人</translation>
        </message>
        <message>
            <source>Disabled</source>
            <translation>残疾人</translation>
        </message>
        <message>
            <source>Low income</source>
            <translation>困难家庭</translation>
        </message>
        <message>
            <source>Chronic / regular treatment</source>
            <translation>慢病/定期治疗</translation>
        </message>
        <message>
            <source>Pregnant</source>
            <translation>孕妇</translation>
        </message>
        <message>
            <source>Minor left behind</source>
            <translation>留守未成年人</translation>
        </message>
        <message>
            <source>Community correction</source>
            <translation>社区矫正</translation>
        </message>
        <message>
            <source>Reported</source>
            <translation>已上报</translation>
        </message>
        <message>
            <source>Accepted</source>
            <translation>已受理</translation>
        </message>
        <message>
            <source>Dispatched</source>
            <translation>已吹哨</translation>
        </message>
        <message>
            <source>Handled</source>
            <translation>已处置</translation>
        </message>
        <message>
            <source>Verified</source>
            <translation>已核查</translation>
        </message>
        <message>
            <source>Closed</source>
            <translation>已销号</translation>
        </message>
        <message>
            <source>Urgent ticket in my grid</source>
            <translation>我的网格有紧急工单</translation>
        </message>
        <message>
            <source>Escalated to me</source>
            <translation>上报到我这一级</translation>
        </message>
        <message>
            <source>Dispatched (吹哨): follow it up</source>
            <translation>已吹哨派单，请跟进</translation>
        </message>
        <message>
            <source>Deadline within a day</source>
            <translation>一天内到期</translation>
        </message>
        <message>
            <source>Deadline missed</source>
            <translation>已超时</translation>
        </message>
        <message>
            <source>Key household overdue for a visit</source>
            <translation>重点户逾期未走访</translation>
        </message>
        <message>
            <source>Report</source>
            <translation>上报</translation>
        </message>
        <message>
            <source>Accept</source>
            <translation>受理</translation>
        </message>
        <message>
            <source>Escalate</source>
            <translation>上报上级</translation>
        </message>
        <message>
            <source>Mark handled</source>
            <translation>标记已处置</translation>
        </message>
        <message>
            <source>Verify on site</source>
            <translation>现场核查</translation>
        </message>
        <message>
            <source>Reopen</source>
            <translation>重新打开</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>销号</translation>
        </message>
        <message>
            <source>Grid</source>
            <translation>网格</translation>
        </message>
        <message>
            <source>Community</source>
            <translation>社区</translation>
        </message>
        <message>
            <source>Street office</source>
            <translation>街道</translation>
        </message>
        <message>
            <source>Need</source>
            <translation>诉求</translation>
        </message>
        <message>
            <source>Complaint</source>
            <translation>投诉</translation>
        </message>
        <message>
            <source>Suggestion</source>
            <translation>建议</translation>
        </message>
        <message>
            <source>Nothing raised</source>
            <translation>无诉求</translation>
        </message>
        <message>
            <source>Settled on the spot</source>
            <translation>当场解决</translation>
        </message>
        <message>
            <source>Open a ticket</source>
            <translation>转为工单</translation>
        </message>
        <message>
            <source>Head of household</source>
            <translation>户主</translation>
        </message>
        <message>
            <source>Spouse</source>
            <translation>配偶</translation>
        </message>
        <message>
            <source>Child</source>
            <translation>子女</translation>
        </message>
        <message>
            <source>Parent</source>
            <translation>父母</translation>
        </message>
        <message>
            <source>Grandchild</source>
            <translation>孙辈</translation>
        </message>
        <message>
            <source>Tenant</source>
            <translation>租户</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>其他</translation>
        </message>
        <message>
            <source>Male</source>
            <translation>男</translation>
        </message>
        <message>
            <source>Female</source>
            <translation>女</translation>
        </message>
        <message>
            <source>Grid worker</source>
            <translation>网格员</translation>
        </message>
        <message>
            <source>Part-time grid worker</source>
            <translation>兼职网格员</translation>
        </message>
        <message>
            <source>Market inspector</source>
            <translation>市场巡查员</translation>
        </message>
        <message>
            <source>Community supervisor</source>
            <translation>社区书记/主任</translation>
        </message>
        <message>
            <source>Street office staff</source>
            <translation>街道工作人员</translation>
        </message>
        <message>
            <source>Waiting to send</source>
            <translation>待发送</translation>
        </message>
        <message>
            <source>Sent, awaiting confirmation</source>
            <translation>已发送，待确认</translation>
        </message>
        <message>
            <source>Confirmed</source>
            <translation>已确认</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>被退回</translation>
        </message>
        <message>
            <source>Visit</source>
            <translation>走访</translation>
        </message>
        <message>
            <source>Ticket</source>
            <translation>工单</translation>
        </message>
        <message>
            <source>Ticket step</source>
            <translation>工单流转</translation>
        </message>
        <message>
            <source>Household</source>
            <translation>住户</translation>
        </message>
        <message>
            <source>Resident</source>
            <translation>居民</translation>
        </message>
        <message>
            <source>Check-in</source>
            <translation>打卡</translation>
        </message>
        <message>
            <source>Inspection</source>
            <translation>巡查</translation>
        </message>
        <message>
            <source>Hazard</source>
            <translation>隐患</translation>
        </message>
        <message>
            <source>Hazard step</source>
            <translation>隐患处置记录</translation>
        </message>
        <message>
            <source>Premises</source>
            <translation>商户</translation>
        </message>
        <message>
            <source>Checklist answer</source>
            <translation>检查项结果</translation>
        </message>
        <message>
            <source>Photo</source>
            <translation>照片</translation>
        </message>
        <message>
            <source>Conflict resolution</source>
            <translation>冲突处理</translation>
        </message>
        <message>
            <source>Minor</source>
            <translation>一般</translation>
        </message>
        <message>
            <source>Major</source>
            <translation>较大</translation>
        </message>
        <message>
            <source>Critical</source>
            <translation>重大</translation>
        </message>
        <message>
            <source>Pass</source>
            <translation>合格</translation>
        </message>
        <message>
            <source>Fail</source>
            <translation>不合格</translation>
        </message>
        <message>
            <source>N/A</source>
            <translation>不适用</translation>
        </message>
        <message>
            <source>Being rectified</source>
            <translation>整改中</translation>
        </message>
        <message>
            <source>Rectified, to re-inspect</source>
            <translation>已整改待复查</translation>
        </message>
        <message>
            <source>Re-inspected</source>
            <translation>已复查</translation>
        </message>
        <message>
            <source>Verified closed</source>
            <translation>已销号</translation>
        </message>
        <message>
            <source>Found in inspection</source>
            <extracomment>A hazard&apos;s steps (the core&apos;s HazardAction values, plus what its history adds).</extracomment>
            <translation>巡查发现</translation>
        </message>
        <message>
            <source>Start rectification</source>
            <translation>开始整改</translation>
        </message>
        <message>
            <source>Rectification done</source>
            <translation>整改完成</translation>
        </message>
        <message>
            <source>Handled by the department</source>
            <translation>部门处置完毕</translation>
        </message>
        <message>
            <source>Re-inspect: passed</source>
            <translation>复查合格</translation>
        </message>
        <message>
            <source>Re-inspect: failed</source>
            <translation>复查不合格</translation>
        </message>
        <message>
            <source>Verify closed</source>
            <translation>核查销号</translation>
        </message>
        <message>
            <source>Whistle: dispatch to a department</source>
            <translation>吹哨：派给职能部门</translation>
        </message>
        <message>
            <source>Rectified: re-inspect</source>
            <translation>已整改，请复查</translation>
        </message>
        <message>
            <source>Department reports in</source>
            <translation>部门报到</translation>
        </message>
        <message>
            <source>Earlier steps (not recorded)</source>
            <translation>此前处置（未留记录）</translation>
        </message>
        <message>
            <source>New</source>
            <translation>新增</translation>
        </message>
        <message>
            <source>Changed</source>
            <translation>修改</translation>
        </message>
        <message>
            <source>Deleted</source>
            <translation>删除</translation>
        </message>
        <message>
            <source>Overdue</source>
            <extracomment>A premises&apos; hazard status at a glance (the floor grid&apos;s symbols, worst first).</extracomment>
            <translation>逾期</translation>
        </message>
        <message>
            <source>Open hazard</source>
            <translation>有隐患</translation>
        </message>
        <message>
            <source>No hazards</source>
            <translation>无隐患</translation>
        </message>
        <message>
            <source>In progress</source>
            <translation>进行中</translation>
        </message>
        <message>
            <source>Completed</source>
            <translation>已完成</translation>
        </message>
        <message>
            <source>, </source>
            <translation>、</translation>
        </message>
        <message>
            <source>Kept mine</source>
            <translation>保留我的</translation>
        </message>
        <message>
            <source>Took the refused value</source>
            <translation>采用被拒的值</translation>
        </message>
        <message>
            <source>Took the server&apos;s</source>
            <translation>采用服务器的</translation>
        </message>
        <message>
            <source>Wrote a new value</source>
            <translation>填写了新值</translation>
        </message>
        <message>
            <source>Seen only</source>
            <translation>仅标记已阅</translation>
        </message>
        <message>
            <source>Bldg {building} Unit {unit} Room {room}</source>
            <translation>{building}栋{unit}单元{room}</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>no</source>
            <translation>否</translation>
        </message>
        <message>
            <source>The record now</source>
            <translation>记录现值</translation>
        </message>
        <message>
            <source>Refused</source>
            <translation>被拒</translation>
        </message>
    </context>
    <context>
        <name>LoginScreen</name>
        <message>
            <source>GridTerm</source>
            <translation>网格通</translation>
        </message>
        <message>
            <source>Log in with your worker ID and PIN</source>
            <translation>请用工号和 PIN 码登录</translation>
        </message>
        <message>
            <source>Worker ID</source>
            <translation>工号</translation>
        </message>
        <message>
            <source>PIN (6 to 12 digits)</source>
            <translation>PIN 码（6 到 12 位数字）</translation>
        </message>
        <message>
            <source>PIN</source>
            <translation>PIN 码</translation>
        </message>
        <message>
            <source>Log in</source>
            <translation>登录</translation>
        </message>
        <message>
            <source>Log in as another worker</source>
            <translation>换一个工号登录</translation>
        </message>
        <message>
            <source>Demo accounts</source>
            <translation>演示账户</translation>
        </message>
        <message>
            <source>Made-up people and places. Tap an account to fill it in.</source>
            <translation>人物和地点均为虚构。点一下账户即可填入。</translation>
        </message>
        <message>
            <source>Supervisor&apos;s confirmation</source>
            <translation>主管确认</translation>
        </message>
        <message>
            <source>Supervisor: your worker ID and PIN erase this terminal now. Its unsynced work is lost.</source>
            <translation>主管：输入您的工号和 PIN 码即清除这台终端，未同步的记录将会丢失。</translation>
        </message>
        <message>
            <source>Supervisor&apos;s worker ID</source>
            <translation>主管工号</translation>
        </message>
        <message>
            <source>Supervisor&apos;s PIN</source>
            <translation>主管 PIN 码</translation>
        </message>
        <message>
            <source>Erase this terminal</source>
            <translation>清除这台终端</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>清除</translation>
        </message>
        <message>
            <source>Delete the last digit</source>
            <translation>删除最后一位</translation>
        </message>
        <message>
            <source>{name} · {role}
Worker ID {worker_id} · PIN {pin}</source>
            <translation>{name} · {role}
工号 {worker_id} · PIN {pin}</translation>
        </message>
        <message>
            <source>Checking…</source>
            <translation>正在验证……</translation>
        </message>
        <message numerus="yes">
            <source>%n more wrong PIN(s) erase this terminal&apos;s keys.</source>
            <translation>
                <numerusform>再输错 %n 次，本机密钥将被清除。</numerusform>
            </translation>
        </message>
        <message>
            <source>The limit of wrong PINs on this terminal is reached.</source>
            <translation>本机输错 PIN 码的次数已达上限。</translation>
        </message>
        <message>
            <source>Try again in {time}.</source>
            <translation>请在 {time} 后重试。</translation>
        </message>
        <message>
            <source>Locked</source>
            <translation>已锁屏</translation>
        </message>
        <message>
            <source>{name} ({worker_id}), enter your PIN to continue.</source>
            <translation>{name}（{worker_id}），请输入 PIN 码继续。</translation>
        </message>
    </context>
    <context>
        <name>MarketScreen</name>
        <message>
            <source>Search: name, operator, licence or stall</source>
            <translation>搜索：店名、经营者、执照号或摊位号</translation>
        </message>
        <message>
            <source>List</source>
            <translation>列表</translation>
        </message>
        <message>
            <source>Floor plan</source>
            <translation>平面图</translation>
        </message>
        <message>
            <source>Add premises</source>
            <translation>新增商户</translation>
        </message>
        <message>
            <source>Premises</source>
            <translation>商户</translation>
        </message>
        <message>
            <source>One tile per stall: its number, name, open hazards and state</source>
            <translation>每个摊位一格：摊位号、店名、未销号隐患数和状态</translation>
        </message>
        <message>
            <source>Markets</source>
            <translation>市场</translation>
        </message>
        <message>
            <source>No market in your area.</source>
            <translation>您的辖区内没有市场。</translation>
        </message>
        <message>
            <source>{stalls} stalls · {open} reported · {rectifying} being rectified · {overdue} overdue</source>
            <translation>共 {stalls} 户 · 已上报 {open} · 整改中 {rectifying} · 逾期 {overdue}</translation>
        </message>
        <message>
            <source>No premises registered yet.</source>
            <translation>还没有登记商户。</translation>
        </message>
        <message>
            <source>No premises match.</source>
            <translation>没有符合条件的商户。</translation>
        </message>
    </context>
    <context>
        <name>Personal</name>
        <message>
            <source>Show</source>
            <translation>显示</translation>
        </message>
        <message>
            <source>Show it in clear (the view is recorded)</source>
            <translation>显示完整信息（查看会被记录）</translation>
        </message>
        <message>
            <source>Hidden for your role</source>
            <translation>您的角色不可查看</translation>
        </message>
    </context>
    <context>
        <name>PhotoCellDelegate</name>
        <message>
            <source>Not downloaded</source>
            <translation>未下载</translation>
        </message>
    </context>
    <context>
        <name>PhotoPicker</name>
        <message>
            <source>Choose a photo</source>
            <translation>选择照片</translation>
        </message>
        <message>
            <source>Other folder…</source>
            <translation>其他文件夹……</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Pictures, newest first</source>
            <translation>图片（最新的在前）</translation>
        </message>
        <message>
            <source>Tap one to add it</source>
            <translation>轻触一张即可添加</translation>
        </message>
        <message>
            <source>No pictures in this folder.</source>
            <translation>此文件夹中没有照片。</translation>
        </message>
        <message>
            <source>Choose a folder of pictures</source>
            <translation>选择图片所在的文件夹</translation>
        </message>
    </context>
    <context>
        <name>PhotoStrip</name>
        <message>
            <source>Take photo</source>
            <translation>拍照</translation>
        </message>
        <message>
            <source>Choose photo</source>
            <translation>选择照片</translation>
        </message>
        <message>
            <source>Remove photo</source>
            <translation>删除照片</translation>
        </message>
        <message>
            <source>Photo not downloaded</source>
            <translation>照片未下载</translation>
        </message>
    </context>
    <context>
        <name>PhotoViewer</name>
        <message>
            <source>Photo</source>
            <translation>照片</translation>
        </message>
        <message>
            <source>Tap to close</source>
            <translation>轻触照片关闭</translation>
        </message>
        <message>
            <source>Previous</source>
            <translation>上一张</translation>
        </message>
        <message>
            <source>Next</source>
            <translation>下一张</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>正在加载……</translation>
        </message>
        <message>
            <source>Photo not downloaded</source>
            <translation>照片未下载</translation>
        </message>
        <message>
            <source>This photo cannot be shown</source>
            <translation>无法显示此照片</translation>
        </message>
    </context>
    <context>
        <name>Photos</name>
        <message numerus="yes">
            <source>%n photo(s)</source>
            <translation>
                <numerusform>%n 张照片</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Premises</name>
        <message>
            <source>Building {building}</source>
            <translation>{building}栋</translation>
        </message>
        <message>
            <source>Floor {floor}</source>
            <translation>{floor}层</translation>
        </message>
        <message>
            <source>Row {row}</source>
            <translation>{row}排</translation>
        </message>
        <message>
            <source>{place} · stall {number}</source>
            <translation>{place} · 摊位 {number}</translation>
        </message>
        <message>
            <source>No location</source>
            <translation>未填位置</translation>
        </message>
        <message>
            <source>%n open hazards</source>
            <translation>%n 处隐患</translation>
        </message>
    </context>
    <context>
        <name>PremisesEditScreen</name>
        <message>
            <source>Name (required)</source>
            <translation>店名（必填）</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>经营者</translation>
        </message>
        <message>
            <source>Licence no.</source>
            <translation>营业执照号</translation>
        </message>
        <message>
            <source>Contact phone</source>
            <translation>联系电话</translation>
        </message>
        <message>
            <source>Trade</source>
            <translation>行业</translation>
        </message>
        <message>
            <source>name of the shop or stall</source>
            <translation>店铺或摊位名称</translation>
        </message>
        <message>
            <source>Building</source>
            <translation>楼栋</translation>
        </message>
        <message>
            <source>Floor</source>
            <translation>楼层</translation>
        </message>
        <message>
            <source>Row</source>
            <translation>排</translation>
        </message>
        <message>
            <source>Stall no.</source>
            <translation>摊位号</translation>
        </message>
        <message>
            <source>Place in the market</source>
            <translation>市场内位置</translation>
        </message>
        <message>
            <source>Add premises</source>
            <translation>新增商户</translation>
        </message>
        <message>
            <source>Edit premises</source>
            <translation>修改商户信息</translation>
        </message>
        <message>
            <source>Edit {name}</source>
            <translation>修改 {name}</translation>
        </message>
    </context>
    <context>
        <name>PremisesScreen</name>
        <message>
            <source>Shop name</source>
            <translation>店名</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>经营者</translation>
        </message>
        <message>
            <source>Licence no.</source>
            <translation>营业执照号</translation>
        </message>
        <message>
            <source>Contact</source>
            <translation>联系电话</translation>
        </message>
        <message>
            <source>Trade</source>
            <translation>行业</translation>
        </message>
        <message>
            <source>Start inspection</source>
            <translation>开始巡查</translation>
        </message>
        <message>
            <source>Edit premises</source>
            <translation>修改商户信息</translation>
        </message>
        <message>
            <source>Open hazards</source>
            <translation>未销号隐患</translation>
        </message>
        <message>
            <source>Inspections</source>
            <translation>巡查记录</translation>
        </message>
        <message numerus="yes">
            <source>Open hazards (%n)</source>
            <translation>
                <numerusform>未销号隐患（%n）</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Inspections (%n)</source>
            <translation>
                <numerusform>巡查记录（%n）</numerusform>
            </translation>
        </message>
        <message>
            <source>Premises</source>
            <translation>商户</translation>
        </message>
        <message>
            <source>none</source>
            <translation>无</translation>
        </message>
        <message>
            <source>Resume inspection</source>
            <translation>继续巡查</translation>
        </message>
    </context>
    <context>
        <name>QuarantinePanel</name>
        <message>
            <source>Quarantine</source>
            <extracomment>Records a worker can open to correct them (the catalog says which screen shows each).</extracomment>
            <translation>隔离区</translation>
        </message>
        <message>
            <source>Corrected value</source>
            <translation>更正后的值</translation>
        </message>
        <message>
            <source>Correct and resend</source>
            <translation>更正并重发</translation>
        </message>
        <message>
            <source>Open the record</source>
            <translation>打开记录</translation>
        </message>
        <message>
            <source>Resend as it is</source>
            <translation>原样重发</translation>
        </message>
    </context>
    <context>
        <name>QuickReportScreen</name>
        <message>
            <source>1 · Photo</source>
            <translation>① 拍照</translation>
        </message>
        <message>
            <source>2 · What kind of problem</source>
            <translation>② 问题类别</translation>
        </message>
        <message>
            <source>Address or place, e.g. east gate of building 3</source>
            <translation>地址或地点，例如：3栋东侧路口</translation>
        </message>
        <message>
            <source>Where</source>
            <translation>地点</translation>
        </message>
        <message>
            <source>One line, optional: what is wrong</source>
            <translation>一句话描述（选填）</translation>
        </message>
        <message>
            <source>What</source>
            <translation>描述</translation>
        </message>
        <message>
            <source>Urgent (10-minute response)</source>
            <translation>紧急（10分钟响应）</translation>
        </message>
        <message>
            <source>3 · Send report</source>
            <translation>③ 上报</translation>
        </message>
        <message>
            <source>Quick report</source>
            <translation>随手拍</translation>
        </message>
        <message>
            <source>Position {lat:.5f}, {lon:.5f}</source>
            <translation>位置 {lat:.5f}, {lon:.5f}</translation>
        </message>
        <message>
            <source>Quick report: {category}</source>
            <translation>随手拍：{category}</translation>
        </message>
        <message>
            <source>Reported: {title}. It is in Tickets.</source>
            <translation>已上报：{title}。可在“工单”中查看。</translation>
        </message>
    </context>
    <context>
        <name>RecordDetailScreen</name>
        <message>
            <source>Next step</source>
            <translation>下一步</translation>
        </message>
        <message>
            <source>History</source>
            <translation>处置记录</translation>
        </message>
    </context>
    <context>
        <name>Register</name>
        <message>
            <source>Building {number}</source>
            <translation>{number}栋</translation>
        </message>
    </context>
    <context>
        <name>RegisterScreen</name>
        <message>
            <source>Search: name, pinyin initials (zs), address 3-2-501 or phone digits</source>
            <translation>搜索：姓名、拼音首字母（zs）、地址 3-2-501 或电话号码</translation>
        </message>
        <message>
            <source>My grids</source>
            <translation>我的网格</translation>
        </message>
        <message>
            <source>Buildings</source>
            <translation>楼栋</translation>
        </message>
        <message>
            <source>Search results</source>
            <translation>搜索结果</translation>
        </message>
        <message>
            <source>Household register</source>
            <translation>人房台账</translation>
        </message>
        <message>
            <source>Buildings of {grid}, {community}</source>
            <translation>{community} · {grid}的楼栋</translation>
        </message>
        <message>
            <source>Searching…</source>
            <translation>正在搜索……</translation>
        </message>
    </context>
    <context>
        <name>Reports</name>
        <message>
            <source>Data as of the last confirmed sync: {time}</source>
            <translation>数据截至最近一次确认同步：{time}</translation>
        </message>
        <message>
            <source>Data as of: never synced with the server (local data only)</source>
            <translation>数据截至：尚未与服务器同步（仅本机数据）</translation>
        </message>
    </context>
    <context>
        <name>ReportsScreen</name>
        <message>
            <source>Daily work log</source>
            <translation>工作日志</translation>
        </message>
        <message>
            <source>Monthly summary</source>
            <translation>月度民情分析</translation>
        </message>
        <message>
            <source>Report</source>
            <translation>报表</translation>
        </message>
        <message>
            <source>Chart</source>
            <translation>图表</translation>
        </message>
        <message>
            <source>Table</source>
            <translation>表格</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>Area</source>
            <translation>范围</translation>
        </message>
        <message>
            <source>Part of the report</source>
            <translation>报表内容</translation>
        </message>
        <message>
            <source>File format</source>
            <translation>文件格式</translation>
        </message>
        <message>
            <source>Excel (xlsx)</source>
            <translation>Excel（xlsx）</translation>
        </message>
        <message>
            <source>PDF to print and sign</source>
            <translation>PDF（打印签字）</translation>
        </message>
        <message>
            <source>CSV (zip of tables)</source>
            <translation>CSV（多表打包为 zip）</translation>
        </message>
        <message>
            <source>JSON for other platforms</source>
            <translation>JSON（供12345等平台）</translation>
        </message>
        <message>
            <source>Folder</source>
            <translation>保存位置</translation>
        </message>
        <message>
            <source>Choose folder…</source>
            <translation>选择文件夹…</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>导出</translation>
        </message>
        <message>
            <source>Export progress</source>
            <translation>导出进度</translation>
        </message>
        <message>
            <source>Open file</source>
            <translation>打开文件</translation>
        </message>
        <message>
            <source>Reports</source>
            <translation>报表</translation>
        </message>
        <message>
            <source>USB drive {name} ({path})</source>
            <translation>U盘 {name}（{path}）</translation>
        </message>
        <message>
            <source>Save reports in</source>
            <translation>报表保存到</translation>
        </message>
        <message>
            <source>Exporting…</source>
            <translation>正在导出……</translation>
        </message>
        <message>
            <source>Saved {file}</source>
            <translation>已保存 {file}</translation>
        </message>
    </context>
    <context>
        <name>ResidentEditScreen</name>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Gender</source>
            <translation>性别</translation>
        </message>
        <message>
            <source>Relation to head</source>
            <translation>与户主关系</translation>
        </message>
        <message>
            <source>YYYY-MM-DD, e.g. 1948-03-02</source>
            <translation>年-月-日，例如 1948-03-02</translation>
        </message>
        <message>
            <source>Date of birth</source>
            <translation>出生日期</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>ID number</source>
            <translation>身份证号</translation>
        </message>
        <message>
            <source>Health</source>
            <translation>健康状况</translation>
        </message>
        <message>
            <source>Party member</source>
            <translation>党员</translation>
        </message>
        <message>
            <source>Moved out</source>
            <translation>已迁出</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>New resident</source>
            <translation>新增居民</translation>
        </message>
        <message>
            <source>Edit resident {name}</source>
            <translation>修改居民 {name}</translation>
        </message>
        <message>
            <source>Resident saved.</source>
            <translation>居民信息已保存。</translation>
        </message>
    </context>
    <context>
        <name>Residents</name>
        <message>
            <source>Tap to show (the view is recorded)</source>
            <translation>点按显示（查看会被记录）</translation>
        </message>
        <message>
            <source>(party member)</source>
            <translation>（党员）</translation>
        </message>
        <message>
            <source>(moved out)</source>
            <translation>（已迁出）</translation>
        </message>
    </context>
    <context>
        <name>Search</name>
        <message>
            <source>name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>pinyin</source>
            <translation>拼音</translation>
        </message>
        <message>
            <source>pinyin initials</source>
            <translation>拼音首字母</translation>
        </message>
        <message>
            <source>address</source>
            <translation>地址</translation>
        </message>
        <message>
            <source>phone digits</source>
            <translation>电话号码</translation>
        </message>
        <message>
            <source>ID number</source>
            <translation>身份证号</translation>
        </message>
        <message>
            <source>Fewer than {digits} digits find building numbers; type at least {digits} digits for a phone or ID number.</source>
            <translation>不足 {digits} 位的数字按楼栋号查找；查电话或身份证号请至少输入 {digits} 位数字。</translation>
        </message>
        <message>
            <source>First %n, type more</source>
            <translation>前 %n 条，请输入更多</translation>
        </message>
        <message>
            <source>%n found</source>
            <translation>找到 %n 条</translation>
        </message>
        <message>
            <source>Nothing found</source>
            <translation>没有找到</translation>
        </message>
        <message>
            <source>(household)</source>
            <translation>（住户）</translation>
        </message>
        <message>
            <source>{name} (moved out)</source>
            <translation>{name}（已迁出）</translation>
        </message>
    </context>
    <context>
        <name>SearchBox</name>
        <message>
            <source>Search</source>
            <translation>搜索</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>清除</translation>
        </message>
    </context>
    <context>
        <name>Settings</name>
        <message>
            <source>Street office CA file (.pem); empty: the system&apos;s</source>
            <translation>街道办 CA 文件（.pem）；留空：使用系统证书</translation>
        </message>
        <message>
            <source>SHA-256 fingerprint; empty: no pin</source>
            <translation>SHA-256 指纹；留空：不固定证书</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <source>CA certificates</source>
            <translation>CA 证书</translation>
        </message>
        <message>
            <source>Pinned certificate</source>
            <translation>固定证书</translation>
        </message>
        <message>
            <source>Certificate settings saved; used from the next login.</source>
            <translation>证书设置已保存，下次登录起生效。</translation>
        </message>
    </context>
    <context>
        <name>SettingsScreen</name>
        <message>
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>服务器</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <source>Normal</source>
            <translation>标准</translation>
        </message>
        <message>
            <source>High contrast (outdoors)</source>
            <translation>高对比度（户外）</translation>
        </message>
        <message>
            <source>Colours</source>
            <translation>颜色</translation>
        </message>
        <message>
            <source>Large text</source>
            <translation>大字体</translation>
        </message>
        <message>
            <source>Text size</source>
            <translation>字体大小</translation>
        </message>
        <message>
            <source>{px} px</source>
            <translation>{px} 像素</translation>
        </message>
        <message>
            <source>Photo size (longest side)</source>
            <translation>照片尺寸（长边）</translation>
        </message>
        <message numerus="yes">
            <source>%n min</source>
            <translation>
                <numerusform>%n 分钟</numerusform>
            </translation>
        </message>
        <message>
            <source>Lock after idle</source>
            <translation>无操作自动锁屏</translation>
        </message>
        <message>
            <source>{name} · {role} · worker ID {worker_id}</source>
            <translation>{name} · {role} · 工号 {worker_id}</translation>
        </message>
        <message>
            <source>Logged in as</source>
            <translation>当前用户</translation>
        </message>
        <message>
            <source>Database</source>
            <translation>数据库</translation>
        </message>
        <message>
            <source>Encrypted</source>
            <translation>已加密</translation>
        </message>
        <message>
            <source>NOT encrypted (developer)</source>
            <translation>未加密（开发用）</translation>
        </message>
        <message>
            <source>Log out</source>
            <translation>退出登录</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message numerus="yes">
            <source>%n record(s) on this terminal are not sent yet.</source>
            <translation>
                <numerusform>本终端还有 %n 条记录尚未发送。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n of them by other workers.</source>
            <translation>
                <numerusform>其中 %n 条是其他人员的。</numerusform>
            </translation>
        </message>
        <message>
            <source>They stay here and go with the next sync.</source>
            <translation>它们保存在本机，下次同步时发送。</translation>
        </message>
        <message>
            <source>Server saved.</source>
            <translation>服务器地址已保存。</translation>
        </message>
    </context>
    <context>
        <name>Shell</name>
        <message>
            <source>Market</source>
            <translation>市场</translation>
        </message>
        <message>
            <source>Hazards</source>
            <translation>隐患</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>今日</translation>
        </message>
        <message>
            <source>Register</source>
            <translation>人房台账</translation>
        </message>
        <message>
            <source>Team</source>
            <translation>团队</translation>
        </message>
        <message>
            <source>Conflicts</source>
            <translation>冲突</translation>
        </message>
        <message>
            <source>Reports</source>
            <translation>报表</translation>
        </message>
        <message>
            <source>Tickets</source>
            <translation>工单</translation>
        </message>
        <message>
            <source>Quick report</source>
            <comment>navigation</comment>
            <translation>随手拍</translation>
        </message>
        <message>
            <source>Sync</source>
            <translation>同步</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>设置</translation>
        </message>
    </context>
    <context>
        <name>SignPage</name>
        <message>
            <source>Operator&apos;s signature</source>
            <translation>经营者签名</translation>
        </message>
        <message>
            <source>Back to the checklist</source>
            <translation>返回检查表</translation>
        </message>
        <message>
            <source>Complete inspection</source>
            <translation>完成巡查</translation>
        </message>
        <message>
            <source>Operator not present</source>
            <translation>经营者不在场</translation>
        </message>
        <message>
            <source>Why can nobody sign? (required)</source>
            <translation>为何无人签名？（必填）</translation>
        </message>
        <message numerus="yes">
            <source>%n failed item(s) will be reported as hazards.</source>
            <translation>
                <numerusform>%n 个不合格项将作为隐患上报。</numerusform>
            </translation>
        </message>
        <message>
            <source>No hazards found: every item passed or does not apply.</source>
            <translation>未发现隐患：各项均合格或不适用。</translation>
        </message>
    </context>
    <context>
        <name>SignaturePad</name>
        <message>
            <source>Sign inside the box with a finger or stylus.</source>
            <extracomment>Ink width in pixels: thick enough to read on a small tablet, like a felt pen.</extracomment>
            <translation>请用手指或触控笔在框内签名。</translation>
        </message>
        <message>
            <source>Signature</source>
            <translation>签名</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>清除</translation>
        </message>
    </context>
    <context>
        <name>SyncIndicator</name>
        <message>
            <source>Connecting…</source>
            <translation>连接中…</translation>
        </message>
        <message>
            <source>Online</source>
            <translation>在线</translation>
        </message>
        <message>
            <source>Offline</source>
            <translation>离线</translation>
        </message>
        <message numerus="yes">
            <source>%n waiting</source>
            <translation>
                <numerusform>%n 条待发送</numerusform>
            </translation>
        </message>
        <message>
            <source>All sent</source>
            <translation>已全部发送</translation>
        </message>
        <message numerus="yes">
            <source>%n need attention</source>
            <translation>
                <numerusform>%n 条需处理</numerusform>
            </translation>
        </message>
        <message>
            <source>Last sync {time}</source>
            <extracomment>How often the counts are re-read besides after local writes (the sync engine writes too).</extracomment>
            <translation>上次同步 {time}</translation>
        </message>
        <message>
            <source>Not enrolled</source>
            <translation>未注册</translation>
        </message>
        <message>
            <source>Never synced</source>
            <translation>从未同步</translation>
        </message>
    </context>
    <context>
        <name>SyncScreen</name>
        <message>
            <source>On this terminal</source>
            <translation>本终端</translation>
        </message>
        <message>
            <source>Waiting to send</source>
            <translation>待发送</translation>
        </message>
        <message>
            <source>Sent, awaiting confirmation</source>
            <translation>已发送，待确认</translation>
        </message>
        <message>
            <source>Confirmed by the server</source>
            <translation>服务器已确认</translation>
        </message>
        <message>
            <source>Need attention (quarantine)</source>
            <translation>需处理（隔离区）</translation>
        </message>
        <message>
            <source>Conflicts to resolve</source>
            <translation>待解决冲突</translation>
        </message>
        <message>
            <source>Sync now</source>
            <translation>立即同步</translation>
        </message>
        <message>
            <source>Every record is saved on this terminal first. It counts as synced only when the server confirms it. A record the server refuses waits in the quarantine with the reason; the others keep flowing.</source>
            <translation>所有记录都先保存在本终端。只有服务器确认后才算同步完成。被服务器退回的记录连同原因放在隔离区，不影响其他记录继续同步。</translation>
        </message>
        <message>
            <source>All</source>
            <translation>全部</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>待发送</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>已发送</translation>
        </message>
        <message>
            <source>Syncing…</source>
            <translation>正在同步……</translation>
        </message>
        <message>
            <source>Synced: {sent} sent, {received} received, {refused} refused.</source>
            <translation>同步完成：发送 {sent} 条，接收 {received} 条，退回 {refused} 条。</translation>
        </message>
        <message>
            <source>Confirmed</source>
            <translation>已确认</translation>
        </message>
        <message>
            <source>Nothing here.</source>
            <translation>这里没有记录。</translation>
        </message>
        <message>
            <source>Records</source>
            <translation>记录</translation>
        </message>
        <message numerus="yes">
            <source>Quarantine (%n)</source>
            <translation>
                <numerusform>隔离区（%n）</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Conflicts (%n)</source>
            <translation>
                <numerusform>冲突（%n）</numerusform>
            </translation>
        </message>
        <message>
            <source>Sync</source>
            <translation>同步</translation>
        </message>
        <message>
            <source>Last confirmed sync: {time}</source>
            <translation>上次确认同步：{time}</translation>
        </message>
        <message>
            <source>This terminal has never synced.</source>
            <translation>本终端从未同步。</translation>
        </message>
    </context>
    <context>
        <name>Team</name>
        <message>
            <source>{n} ({urgent} urgent)</source>
            <translation>{n}（紧急 {urgent}）</translation>
        </message>
        <message>
            <source>Not checked in</source>
            <translation>未签到</translation>
        </message>
        <message>
            <source>Checked out</source>
            <translation>已签退</translation>
        </message>
        <message>
            <source>On the round</source>
            <translation>巡查中</translation>
        </message>
    </context>
    <context>
        <name>TeamScreen</name>
        <message>
            <source>Nobody works in this area yet.</source>
            <translation>该范围内还没有工作人员。</translation>
        </message>
        <message>
            <source>Team</source>
            <translation>团队</translation>
        </message>
        <message>
            <source>{checked} of {total} checked in · {behind} behind on key households</source>
            <translation>已签到 {checked}/{total} 人 · 重点户逾期 {behind} 人</translation>
        </message>
    </context>
    <context>
        <name>TicketDetailScreen</name>
        <message>
            <source>Category</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Reported</source>
            <translation>上报时间</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>等待时长</translation>
        </message>
        <message>
            <source>Time limit</source>
            <translation>办理时限</translation>
        </message>
        <message>
            <source>Department</source>
            <translation>处置部门</translation>
        </message>
        <message>
            <source>Where</source>
            <translation>地点</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>描述</translation>
        </message>
        <message>
            <source>Nothing for you to do on this ticket now.</source>
            <translation>这张工单目前不需要您处理。</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>说明</translation>
        </message>
        <message>
            <source>Photo on site</source>
            <translation>现场照片</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Ticket</source>
            <translation>工单</translation>
        </message>
        <message>
            <source>Urgent</source>
            <translation>紧急</translation>
        </message>
        <message>
            <source>{time} by {name}</source>
            <translation>{time} · {name}</translation>
        </message>
        <message>
            <source>Open household {address}</source>
            <translation>打开住户 {address}</translation>
        </message>
        <message>
            <source>Urgent: waiting {clock} (respond within 10 minutes)</source>
            <translation>紧急：已等待 {clock}（10分钟内响应）</translation>
        </message>
        <message>
            <source>Why? (required)</source>
            <translation>原因（必填）</translation>
        </message>
        <message>
            <source>Optional note</source>
            <translation>说明（选填）</translation>
        </message>
    </context>
    <context>
        <name>Tickets</name>
        <message>
            <source>Urgent</source>
            <translation>紧急</translation>
        </message>
    </context>
    <context>
        <name>TicketsScreen</name>
        <message>
            <source>Open</source>
            <translation>未办结</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>已超时</translation>
        </message>
        <message>
            <source>Tickets</source>
            <translation>工单</translation>
        </message>
        <message>
            <source>No tickets here.</source>
            <translation>这里没有工单。</translation>
        </message>
        <message>
            <source>Tickets in my grids</source>
            <translation>我的网格工单</translation>
        </message>
        <message numerus="yes">
            <source>%n urgent ticket(s) waiting for a response · longest {clock}</source>
            <translation>
                <numerusform>%n 张紧急工单等待响应 · 最长 {clock}</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Time</name>
        <message>
            <source>%n min</source>
            <translation>%n 分钟</translation>
        </message>
        <message>
            <source>{h} h {m} min</source>
            <translation>{h} 小时 {m} 分</translation>
        </message>
        <message>
            <source>{d} d</source>
            <translation>{d} 天</translation>
        </message>
        <message>
            <source>{d} d {h} h</source>
            <translation>{d} 天 {h} 小时</translation>
        </message>
        <message>
            <source>overdue {time}</source>
            <translation>已超时 {time}</translation>
        </message>
        <message>
            <source>{time} left</source>
            <translation>剩余 {time}</translation>
        </message>
    </context>
    <context>
        <name>TodayScreen</name>
        <message>
            <source>Round</source>
            <translation>巡查打卡</translation>
        </message>
        <message>
            <source>Not checked in yet</source>
            <translation>今天还没有签到</translation>
        </message>
        <message>
            <source>Check in</source>
            <translation>签到</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>今日</translation>
        </message>
        <message>
            <source>Visits</source>
            <translation>走访</translation>
        </message>
        <message>
            <source>Key households visited</source>
            <translation>走访重点户</translation>
        </message>
        <message>
            <source>Tickets reported</source>
            <translation>上报工单</translation>
        </message>
        <message>
            <source>Open tickets in my grids</source>
            <translation>我的网格待办工单</translation>
        </message>
        <message>
            <source>Urgent tickets</source>
            <translation>紧急工单</translation>
        </message>
        <message>
            <source>Tickets overdue</source>
            <translation>超时工单</translation>
        </message>
        <message>
            <source>Unsaved visits</source>
            <translation>未保存的走访</translation>
        </message>
        <message>
            <source>Due for a visit</source>
            <translation>待走访</translation>
        </message>
        <message>
            <source>Key households first; tap one to open it.</source>
            <translation>重点户优先；点一下打开住户。</translation>
        </message>
        <message>
            <source>Nobody is due today. Well done.</source>
            <translation>今天没有待走访的住户，干得好！</translation>
        </message>
        <message>
            <source>{date} · good work today, {name}</source>
            <translation>{date} · {name}，今天辛苦了</translation>
        </message>
        <message numerus="yes">
            <source>Due for a visit (%n)</source>
            <translation>
                <numerusform>待走访（%n）</numerusform>
            </translation>
        </message>
        <message>
            <source>Check out</source>
            <translation>签退</translation>
        </message>
        <message>
            <source>Checked in at {time}</source>
            <translation>{time} 已签到</translation>
        </message>
        <message>
            <source>Round finished: {start} – {end}</source>
            <translation>今日巡查：{start} – {end}</translation>
        </message>
        <message>
            <source>Location {lat:.5f}, {lon:.5f}</source>
            <translation>位置 {lat:.5f}, {lon:.5f}</translation>
        </message>
        <message>
            <source>No position was available: no location recorded.</source>
            <translation>没有获取到位置：本次签到未记录位置。</translation>
        </message>
        <message>
            <source>Continue the visit to {address}</source>
            <translation>继续走访 {address}</translation>
        </message>
        <message>
            <source>Finding your location…</source>
            <translation>正在定位……</translation>
        </message>
    </context>
    <context>
        <name>TopBar</name>
        <message>
            <source>Back</source>
            <translation>返回</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>提醒</translation>
        </message>
        <message>
            <source>Lock</source>
            <translation>锁屏</translation>
        </message>
        <message>
            <source>Lock the terminal; your PIN opens it again</source>
            <translation>锁定终端；输入 PIN 码即可重新打开</translation>
        </message>
    </context>
    <context>
        <name>Tour</name>
        <message>
            <source>The corridor light has been broken for three days</source>
            <translation>楼道灯坏了三天</translation>
        </message>
        <message>
            <source>Blood pressure a little high; reminded to take the pills.</source>
            <translation>血压偏高，已提醒按时服药。</translation>
        </message>
        <message>
            <source>Extension leads chained behind the counter</source>
            <translation>柜台后插线板串接</translation>
        </message>
        <message>
            <source>Still chained; told the operator again</source>
            <translation>仍在串接，已再次告知经营者</translation>
        </message>
    </context>
    <context>
        <name>TransitionModel</name>
        <message>
            <source>{step} ({level})</source>
            <translation>{step}（{level}）</translation>
        </message>
    </context>
    <context>
        <name>VisitScreen</name>
        <message>
            <source>Visit type</source>
            <translation>走访类型</translation>
        </message>
        <message>
            <source>Someone else (name)</source>
            <translation>其他人（姓名）</translation>
        </message>
        <message>
            <source>Who was met</source>
            <translation>接待人</translation>
        </message>
        <message>
            <source>Add what they raised</source>
            <translation>添加居民诉求</translation>
        </message>
        <message>
            <source>Raised</source>
            <translation>居民诉求</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Photos</source>
            <translation>照片</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>处理结果</translation>
        </message>
        <message>
            <source>Ticket title (from what was raised)</source>
            <translation>工单标题（取自居民诉求）</translation>
        </message>
        <message>
            <source>Urgent (10-minute response)</source>
            <translation>紧急（10分钟响应）</translation>
        </message>
        <message>
            <source>Ticket</source>
            <translation>工单</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>放弃</translation>
        </message>
        <message>
            <source>Save visit</source>
            <translation>保存走访</translation>
        </message>
        <message>
            <source>Visit</source>
            <translation>走访</translation>
        </message>
        <message>
            <source>Visit {address}</source>
            <translation>走访 {address}</translation>
        </message>
        <message>
            <source>Restored your unsaved visit from {time}.</source>
            <translation>已恢复您 {time} 未保存的走访。</translation>
        </message>
        <message>
            <source>Visit saved; ticket opened.</source>
            <translation>走访已保存，已生成工单。</translation>
        </message>
        <message>
            <source>Visit saved.</source>
            <translation>走访已保存。</translation>
        </message>
    </context>
</TS>
