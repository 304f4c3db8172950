<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="id_ID">
  <context>
    <name>AccountPage</name>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="51" />
      <source>The password needs at least 8 characters, typed twice.</source>
      <translation>Kata sandi minimal 8 karakter dan diketik dua kali.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="55" />
      <source>Administrator account</source>
      <translation>Akun administrator</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="56" />
      <source>This account manages the desk and adds the clerks.</source>
      <translation>Akun ini mengelola aplikasi dan menambahkan petugas.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="57" />
      <source>User name</source>
      <translation>Nama pengguna</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="57" />
      <source>Full name</source>
      <translation>Nama lengkap</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="58" />
      <source>Password</source>
      <translation>Kata sandi</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="58" />
      <source>Password again</source>
      <translation>Ulangi kata sandi</translation>
    </message>
  </context>
  <context>
    <name>Buttons</name>
    <message>
      <location filename="../../src/regdesk/ui/views/dialogs.py" line="81" />
      <source>OK</source>
      <translation>OK</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/dialogs.py" line="82" />
      <source>Cancel</source>
      <translation>Batal</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/dialogs.py" line="83" />
      <source>Save</source>
      <translation>Simpan</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/dialogs.py" line="84" />
      <source>Close</source>
      <translation>Tutup</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/dialogs.py" line="85" />
      <source>Yes</source>
      <translation>Ya</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/dialogs.py" line="86" />
      <source>No</source>
      <translation>Tidak</translation>
    </message>
  </context>
  <context>
    <name>CancelDialog</name>
    <message>
      <location filename="../../src/regdesk/ui/views/dialogs.py" line="58" />
      <source>Cancel registration</source>
      <translation>Batalkan pendaftaran</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/dialogs.py" line="59" />
      <source>Why is the registration of %1 cancelled?</source>
      <translation>Mengapa pendaftaran %1 dibatalkan?</translation>
    </message>
  </context>
  <context>
    <name>CrashDialog</name>
    <message>
      <location filename="../../src/regdesk/ui/views/dialogs.py" line="28" />
      <source>RegDesk — unexpected error</source>
      <translation>RegDesk — kesalahan tak terduga</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/dialogs.py" line="30" />
      <source>Something went wrong. Your saved registrations are safe. Please copy this report and send it to your supervisor.</source>
      <translation>Terjadi kesalahan. Pendaftaran yang sudah disimpan tetap aman. Salin laporan ini dan kirimkan ke supervisor Anda.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/dialogs.py" line="35" />
      <source>Copy report</source>
      <translation>Salin laporan</translation>
    </message>
  </context>
  <context>
    <name>DeskApp</name>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="283" />
      <location filename="../../src/regdesk/ui/app.py" line="364" />
      <source>Printing is not installed yet.</source>
      <translation>Fitur cetak belum terpasang.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="333" />
      <source>Please check the fields marked in red or confirm the warnings.</source>
      <translation>Periksa isian yang ditandai merah atau konfirmasi peringatan.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="360" />
      <source>Saved: %1 — %2 (version %3).</source>
      <translation>Tersimpan: %1 — %2 (versi %3).</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="380" />
      <source>Discard?</source>
      <translation>Buang isian?</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="381" />
      <source>The form has unsaved changes. Discard them?</source>
      <translation>Formulir memiliki perubahan yang belum disimpan. Buang perubahan itu?</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="487" />
      <source>Connected to HQ as %1.</source>
      <translation>Terhubung ke kantor pusat sebagai %1.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="500" />
      <source>The enrolment code is not valid or has expired.</source>
      <translation>Kode pendaftaran perangkat tidak sah atau sudah kedaluwarsa.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="531" />
      <source>Not connected to HQ</source>
      <translation>Belum terhubung ke kantor pusat</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="533" />
      <source>Online</source>
      <translation>Daring</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="533" />
      <source>Offline</source>
      <translation>Luring</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="535" />
      <source>Registrations are kept safely on this computer until the desk is connected to HQ (Settings).</source>
      <translation>Pendaftaran disimpan aman di komputer ini sampai perangkat terhubung ke kantor pusat (Pengaturan).</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="538" />
      <source>Waiting for sync: %1 · Needs attention: %2</source>
      <translation>Menunggu sinkron: %1 · Perlu perhatian: %2</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="541" />
      <source>Last sync: %1</source>
      <translation>Sinkron terakhir: %1</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="543" />
      <source>never</source>
      <translation>belum pernah</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="559" />
      <source>RegDesk</source>
      <translation>RegDesk</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="574" />
      <source>Quit?</source>
      <translation>Keluar?</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="575" />
      <source>The form has unsaved changes. Quit and lose them?</source>
      <translation>Formulir memiliki perubahan yang belum disimpan. Keluar dan buang perubahan itu?</translation>
    </message>
  </context>
  <context>
    <name>DetailPane</name>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="82" />
      <source>Reference</source>
      <translation>Nomor referensi</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="83" />
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="84" />
      <source>Member number</source>
      <translation>Nomor peserta</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="95" />
      <source>Version</source>
      <translation>Versi</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="98" />
      <source>Cancel reason</source>
      <translation>Alasan pembatalan</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="117" />
      <source>This NIK is already registered in village %1 since %2. Check the NIK with the worker's KTP.</source>
      <translation>NIK ini sudah terdaftar di desa %1 sejak %2. Periksa NIK dengan KTP peserta.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="123" />
      <source>HQ did not accept this record (%1).</source>
      <translation>Kantor pusat tidak menerima data ini (%1).</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="161" />
      <source>Details</source>
      <translation>Rincian</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="162" />
      <source>History</source>
      <translation>Riwayat</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="163" />
      <source>Edit</source>
      <translation>Ubah</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="164" />
      <source>Cancel registration…</source>
      <translation>Batalkan pendaftaran…</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="165" />
      <source>Print receipt</source>
      <translation>Cetak tanda bukti</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="166" />
      <source>Select a registration to see it here.</source>
      <translation>Pilih pendaftaran untuk melihat rinciannya di sini.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="105" />
      <source>HQ says</source>
      <translation>Alasan dari kantor pusat</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="134" />
      <source>Versions</source>
      <translation>Versi</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="137" />
      <source>Version %1</source>
      <translation>Versi %1</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="134" />
      <source>Audit trail</source>
      <translation>Jejak audit</translation>
    </message>
  </context>
  <context>
    <name>EngineSync</name>
    <message>
      <location filename="../../src/regdesk/ui/engine_sync.py" line="122" />
      <source>HQ cannot be reached; your data is safe and will be sent later.</source>
      <translation>Kantor pusat tidak dapat dihubungi; data aman dan akan dikirim nanti.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/engine_sync.py" line="124" />
      <source>HQ has a problem; we will try again later.</source>
      <translation>Kantor pusat sedang bermasalah; akan dicoba lagi nanti.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/engine_sync.py" line="125" />
      <source>HQ is busy; we will try again later.</source>
      <translation>Kantor pusat sedang sibuk; akan dicoba lagi nanti.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/engine_sync.py" line="126" />
      <source>HQ's answer could not be read; we will try again.</source>
      <translation>Jawaban kantor pusat tidak terbaca; akan dicoba lagi.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/engine_sync.py" line="127" />
      <source>HQ refused this desk. An administrator must enrol it again in Settings.</source>
      <translation>Kantor pusat menolak perangkat ini. Administrator harus mendaftarkannya ulang di Pengaturan.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/engine_sync.py" line="129" />
      <source>HQ refused the request; please contact the administrator.</source>
      <translation>Kantor pusat menolak permintaan ini; hubungi administrator.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/engine_sync.py" line="130" />
      <source>This desk is not connected to HQ yet (Settings).</source>
      <translation>Perangkat ini belum terhubung ke kantor pusat (Pengaturan).</translation>
    </message>
  </context>
  <context>
    <name>FirstRunWizard</name>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="170" />
      <source>RegDesk — first start</source>
      <translation>RegDesk — mulai pertama kali</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="171" />
      <source>&lt; Back</source>
      <translation>&lt; Kembali</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="172" />
      <source>Next &gt;</source>
      <translation>Lanjut &gt;</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="173" />
      <source>Finish</source>
      <translation>Selesai</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="174" />
      <source>Cancel</source>
      <translation>Batal</translation>
    </message>
  </context>
  <context>
    <name>Funding</name>
    <message>
      <location filename="../../src/regdesk/ui/labels.py" line="20" />
      <source>Self-paid</source>
      <translation>Mandiri</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/labels.py" line="21" />
      <source>APBD Kabupaten</source>
      <translation>APBD Kabupaten</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/labels.py" line="22" />
      <source>APBDes / ADD</source>
      <translation>APBDes / ADD</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/labels.py" line="23" />
      <source>Dana Desa</source>
      <translation>Dana Desa</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/labels.py" line="24" />
      <source>CSR (company)</source>
      <translation>CSR (perusahaan)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/labels.py" line="25" />
      <source>Other sponsor</source>
      <translation>Penyandang dana lain</translation>
    </message>
  </context>
  <context>
    <name>Gender</name>
    <message>
      <location filename="../../src/regdesk/ui/labels.py" line="30" />
      <source>Male</source>
      <translation>Laki-laki</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/labels.py" line="31" />
      <source>Female</source>
      <translation>Perempuan</translation>
    </message>
  </context>
  <context>
    <name>HqPage</name>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="127" />
      <source>Connect to HQ (optional)</source>
      <translation>Hubungkan ke kantor pusat (opsional)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="128" />
      <source>You can skip this and do it later in Settings.</source>
      <translation>Langkah ini boleh dilewati dan dilakukan nanti di Pengaturan.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="129" />
      <source>HQ address</source>
      <translation>Alamat kantor pusat</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="130" />
      <source>Enrolment code</source>
      <translation>Kode pendaftaran perangkat</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="131" />
      <source>Enrol this desk</source>
      <translation>Daftarkan perangkat ini</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="132" />
      <source>Available once synchronisation is installed.</source>
      <translation>Tersedia setelah sinkronisasi terpasang.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="133" />
      <source>With an address and a code the desk connects when you press Finish. Registrations are kept safely on this computer until it is connected.</source>
      <translation>Dengan alamat dan kode, perangkat terhubung saat Anda menekan Selesai. Pendaftaran disimpan aman di komputer ini sampai terhubung.</translation>
    </message>
  </context>
  <context>
    <name>LoginPage</name>
    <message>
      <location filename="../../src/regdesk/ui/views/login.py" line="90" />
      <source>RegDesk — sign in</source>
      <translation>RegDesk — masuk</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/login.py" line="91" />
      <source>The desk was locked. Your unsaved work is kept; sign in to continue, or sign in as another clerk.</source>
      <translation>Aplikasi terkunci. Isian yang belum disimpan tetap ada; masuk untuk melanjutkan, atau masuk sebagai petugas lain.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/login.py" line="94" />
      <source>User name</source>
      <translation>Nama pengguna</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/login.py" line="95" />
      <source>Password</source>
      <translation>Kata sandi</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/login.py" line="96" />
      <source>Sign in</source>
      <translation>Masuk</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="215" />
      <source>Needs attention (%1)</source>
      <translation>Perlu perhatian (%1)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="241" />
      <source>RegDesk — BPJS Ketenagakerjaan registration</source>
      <translation>RegDesk — pendaftaran BPJS Ketenagakerjaan</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="242" />
      <source>Opening the database…</source>
      <translation>Membuka basis data…</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="243" />
      <source>New registration (Ctrl+N)</source>
      <translation>Pendaftaran baru (Ctrl+N)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="245" />
      <source>Search: name, NIK, mobile number, member number or reference (Ctrl+F)</source>
      <translation>Cari: nama, NIK, nomor HP, nomor peserta atau nomor referensi (Ctrl+F)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="246" />
      <source>Print receipt</source>
      <translation>Cetak tanda bukti</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="248" />
      <source>All statuses</source>
      <translation>Semua status</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="250" />
      <source>Any date</source>
      <translation>Semua tanggal</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="250" />
      <source>Today</source>
      <translation>Hari ini</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="251" />
      <source>Last 7 days</source>
      <translation>7 hari terakhir</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="251" />
      <source>Last 30 days</source>
      <translation>30 hari terakhir</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="261" />
      <source>Sync now</source>
      <translation>Sinkronkan sekarang</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="262" />
      <source>&amp;Desk</source>
      <translation>&amp;Meja</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="263" />
      <source>New registration</source>
      <translation>Pendaftaran baru</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="264" />
      <source>Search</source>
      <translation>Cari</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="265" />
      <source>Settings…</source>
      <translation>Pengaturan…</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="266" />
      <source>Lock</source>
      <translation>Kunci</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="267" />
      <source>Switch user</source>
      <translation>Ganti pengguna</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="268" />
      <source>Quit</source>
      <translation>Keluar</translation>
    </message>
  </context>
  <context>
    <name>RegistrationFormView</name>
    <message numerus="yes">
      <location filename="../../src/regdesk/ui/views/form.py" line="361" />
      <source>%1 for %n month(s)</source>
      <extracomment>Enter moves through these (derived fields are skipped; Tab still visits everything).</extracomment>
      <translation>
        <numerusform>%1 untuk %n bulan</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="364" />
      <source>%1: −%2 for this period</source>
      <translation>%1: −%2 untuk periode ini</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="368" />
      <source>none</source>
      <translation>tidak ada</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="371" />
      <source>%1, Kecamatan %2 (%3)</source>
      <translation>%1, Kecamatan %2 (%3)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="383" />
      <source>Edit registration %1</source>
      <translation>Ubah pendaftaran %1</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="384" />
      <source>New registration</source>
      <translation>Pendaftaran baru</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="398" />
      <source>Identity</source>
      <translation>Identitas</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="398" />
      <source>Address</source>
      <translation>Alamat</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="399" />
      <source>Work and contribution</source>
      <translation>Pekerjaan &amp;&amp; iuran</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="399" />
      <source>Funding</source>
      <translation>Pembiayaan</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="400" />
      <location filename="../../src/regdesk/ui/views/form.py" line="416" />
      <source>Consent</source>
      <translation>Persetujuan</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="404" />
      <source>NIK (16 digits)</source>
      <translation>NIK (16 digit)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="404" />
      <source>Full name</source>
      <translation>Nama lengkap</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="405" />
      <source>Birth date (DD-MM-YYYY)</source>
      <translation>Tanggal lahir (HH-BB-TTTT)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="405" />
      <source>Gender</source>
      <translation>Jenis kelamin</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="406" />
      <source>Birth place</source>
      <translation>Tempat lahir</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="406" />
      <source>Family card no.</source>
      <translation>Nomor KK</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="407" />
      <source>Village</source>
      <translation>Desa/kelurahan</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="407" />
      <source>Address (street, house no.)</source>
      <translation>Alamat (jalan, nomor rumah)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="408" />
      <source>RT</source>
      <translation>RT</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="408" />
      <source>RW</source>
      <translation>RW</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="408" />
      <source>Postal code</source>
      <translation>Kode pos</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="409" />
      <source>Mobile number</source>
      <translation>Nomor HP</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="409" />
      <source>E-mail</source>
      <translation>E-mail</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="410" />
      <source>Occupation</source>
      <translation>Pekerjaan</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="410" />
      <source>Monthly income (Rp)</source>
      <translation>Penghasilan per bulan (Rp)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="411" />
      <source>Old-age savings</source>
      <translation>Jaminan Hari Tua</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="411" />
      <source>Pay for</source>
      <translation>Bayar untuk</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="412" />
      <source>Contribution per month</source>
      <translation>Iuran per bulan</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="413" />
      <source>Discount</source>
      <translation>Diskon</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="413" />
      <source>Amount due</source>
      <translation>Jumlah dibayar</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="414" />
      <source>Paid by</source>
      <translation>Dibayar oleh</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="414" />
      <source>Sponsor name</source>
      <translation>Nama penyandang dana</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="415" />
      <source>Budget reference</source>
      <translation>Referensi anggaran</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="416" />
      <source>Recorded by</source>
      <translation>Dicatat oleh</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="422" />
      <source>Add JHT (2% of income)</source>
      <translation>Ikut JHT (2% dari penghasilan)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="425" />
      <source>The worker has read and agrees to be registered</source>
      <translation>Peserta sudah membaca dan setuju didaftarkan</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="426" />
      <source>I have checked these warnings; save anyway</source>
      <translation>Saya sudah memeriksa peringatan ini; tetap simpan</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="427" />
      <source>Save (Ctrl+S)</source>
      <translation>Simpan (Ctrl+S)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="428" />
      <source>Close (Esc)</source>
      <translation>Tutup (Esc)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="431" />
      <source>e.g. 3216064508900001</source>
      <translation>mis. 3216064508900001</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="434" />
      <source>e.g. 0812 3456 7890</source>
      <translation>mis. 0812 3456 7890</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="437" />
      <source>type to search</source>
      <translation>ketik untuk mencari</translation>
    </message>
    <message numerus="yes">
      <location filename="../../src/regdesk/ui/views/form.py" line="458" />
      <source>%n month(s)</source>
      <translation>
        <numerusform>%n bulan</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>RegistrationsModel</name>
    <message>
      <location filename="../../src/regdesk/ui/models/registrations.py" line="132" />
      <source>Reference</source>
      <translation>Nomor referensi</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/models/registrations.py" line="132" />
      <source>Name</source>
      <translation>Nama</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/models/registrations.py" line="132" />
      <source>NIK</source>
      <translation>NIK</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/models/registrations.py" line="132" />
      <source>Mobile</source>
      <translation>Nomor HP</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/models/registrations.py" line="133" />
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/models/registrations.py" line="133" />
      <source>Registered</source>
      <translation>Tanggal daftar</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="143" />
      <location filename="../../src/regdesk/ui/views/settings.py" line="163" />
      <source>Backup folder</source>
      <translation>Folder cadangan</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="154" />
      <source>Settings</source>
      <translation>Pengaturan</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="155" />
      <source>This desk</source>
      <translation>Perangkat ini</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="156" />
      <source>HQ address</source>
      <translation>Alamat kantor pusat</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="157" />
      <source>Enrolment code</source>
      <translation>Kode pendaftaran perangkat</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="158" />
      <source>Enrol with HQ</source>
      <translation>Daftarkan ke kantor pusat</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="160" />
      <source>Available once synchronisation is installed.</source>
      <translation>Tersedia setelah sinkronisasi terpasang.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="161" />
      <source>Language</source>
      <translation>Bahasa</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="162" />
      <source>Lock after (minutes idle, 0 = never)</source>
      <translation>Kunci setelah (menit tidak aktif, 0 = tidak pernah)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="164" />
      <source>Choose…</source>
      <translation>Pilih…</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="165" />
      <source>Users</source>
      <translation>Pengguna</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="166" />
      <source>User name</source>
      <translation>Nama pengguna</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="166" />
      <source>Full name</source>
      <translation>Nama lengkap</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="167" />
      <source>Password</source>
      <translation>Kata sandi</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="167" />
      <source>Role</source>
      <translation>Peran</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="170" />
      <source>Add user</source>
      <translation>Tambah pengguna</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="174" />
      <source>Clerk</source>
      <translation>Petugas</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="174" />
      <source>Supervisor</source>
      <translation>Supervisor</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="175" />
      <source>Administrator</source>
      <translation>Administrator</translation>
    </message>
  </context>
  <context>
    <name>Status</name>
    <message>
      <location filename="../../src/regdesk/ui/labels.py" line="10" />
      <source>Draft</source>
      <translation>Draf</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/labels.py" line="11" />
      <source>Waiting for sync</source>
      <translation>Menunggu sinkron</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/labels.py" line="12" />
      <source>Synced</source>
      <translation>Tersinkron</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/labels.py" line="13" />
      <source>Needs attention</source>
      <translation>Perlu perhatian</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/labels.py" line="14" />
      <source>Cancelled</source>
      <translation>Dibatalkan</translation>
    </message>
  </context>
  <context>
    <name>VillagePage</name>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="100" />
      <source>Office village</source>
      <translation>Desa kantor</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="101" />
      <source>New registrations use this village, its kecamatan and postal code.</source>
      <translation>Pendaftaran baru memakai desa ini, kecamatan dan kode posnya.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="103" />
      <source>Type part of the village name:</source>
      <translation>Ketik sebagian nama desa:</translation>
    </message>
  </context>
</TS>